#include "hash.hpp"

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
    // The processor's and the kernel's support (libgcc checks both), asked once.
    static const bool avx2 = __builtin_cpu_supports("avx2") != 0;
    if (avx2) {
        return text_hash_avx2(text);
    }
#endif
    return text_hash_baseline(text);
}

} // namespace showup
