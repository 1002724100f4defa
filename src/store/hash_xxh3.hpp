#pragma once
// XXH3 of pieces, compiled into each file that includes this: xxHash picks its vector code
// from that file's compiler flags (hash.cpp for the baseline, hash_avx2.cpp with -mavx2).
// Everything here has internal linkage, so the two builds never mix.
#include <cstdint>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "showup/file_system.hpp" // Pieces

namespace showup {
namespace {

std::uint64_t xxh3_of(Pieces text) {
    XXH3_state_t state;
    XXH3_INITSTATE(&state);
    XXH3_64bits_reset(&state);
    for (const auto piece : text) {
        XXH3_64bits_update(&state, piece.data(), piece.size());
    }
    return XXH3_64bits_digest(&state);
}

} // namespace
} // namespace showup
