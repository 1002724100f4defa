#include "hash.hpp"

#ifdef SHOWUP_HASH_AVX2
#include <sys/platform/x86.h>
#endif

#include "hash_xxh3.hpp"

namespace showup {

#ifdef SHOWUP_HASH_AVX2
std::uint64_t text_hash_avx2(Pieces text); // hash_avx2.cpp
#endif

std::uint64_t text_hash_baseline(Pieces text) {
    return xxh3_of(text);
}

std::uint64_t text_hash(Pieces text) {
#ifdef SHOWUP_HASH_AVX2
    // The processor's and the kernel's support, as glibc found it at start (libgcc's
    // __builtin_cpu_supports would ask the processor again in every process, hashing or not,
    // which costs a virtual machine tens of microseconds).
    static const bool avx2 = CPU_FEATURE_ACTIVE(AVX2);
    if (avx2) {
        return text_hash_avx2(text);
    }
#endif
    return text_hash_baseline(text);
}

} // namespace showup
