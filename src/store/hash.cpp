#include "hash.hpp"

#define XXH_INLINE_ALL
#include <xxhash.h>

#ifdef SHOWUP_HASH_AVX2
#include <sys/platform/x86.h>
#endif

namespace showup {

#ifdef SHOWUP_HASH_AVX2
// hash_avx2.cpp: the same functions, compiled for AVX2.
void xxh3_update_avx2(XXH3_state_t* state, const char* data, std::size_t size);
std::uint64_t xxh3_digest_avx2(const XXH3_state_t* state);
#endif

namespace {

template <typename Update, typename Digest>
std::uint64_t xxh3_of(Pieces text, Update update, Digest digest) {
    XXH3_state_t state;
    XXH3_INITSTATE(&state);
    XXH3_64bits_reset(&state);
    for (const auto piece : text) {
        update(&state, piece.data(), piece.size());
    }
    return digest(&state);
}

} // namespace

std::uint64_t text_hash_baseline(Pieces text) {
    return xxh3_of(
        text,
        [](XXH3_state_t* state, const char* data, std::size_t size) {
            XXH3_64bits_update(state, data, size);
        },
        [](const XXH3_state_t* state) { return XXH3_64bits_digest(state); });
}

bool text_hash_uses_avx2() {
#ifdef SHOWUP_HASH_AVX2
    // The processor's and the kernel's support, as glibc found it at start (libgcc's
    // __builtin_cpu_supports would ask the processor again in every process, hashing or not,
    // which costs a virtual machine tens of microseconds).
    static const bool avx2 = CPU_FEATURE_ACTIVE(AVX2);
    return avx2;
#else
    return false;
#endif
}

std::uint64_t text_hash(Pieces text) {
#ifdef SHOWUP_HASH_AVX2
    if (text_hash_uses_avx2()) {
        return xxh3_of(text, xxh3_update_avx2, xxh3_digest_avx2);
    }
#endif
    return text_hash_baseline(text);
}

} // namespace showup
