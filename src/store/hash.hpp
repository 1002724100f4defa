#pragma once
// The hash the seal keeps of a data file's text (store.cpp): xxHash's 64-bit XXH3
// (libxxhash-dev), which hashes at memory speed where one written here would be several times
// slower or weaker.
#include <cstdint>

#include "showup/file_system.hpp" // Pieces

namespace showup {

// XXH3 of the pieces one after another: the same value on every machine. On x86-64 with
// glibc 2.33 or later it uses AVX2 where the processor has it (about three times as fast as
// SSE2 on a large file).
std::uint64_t text_hash(Pieces text);

// The same with SSE2 (or the processor's own baseline elsewhere), for the tests to compare.
std::uint64_t text_hash_baseline(Pieces text);
// Whether text_hash uses AVX2 (built for it, and the processor has it).
bool text_hash_uses_avx2();

} // namespace showup
