// XXH3's update and digest with AVX2: this file alone is compiled with -mavx2
// (src/CMakeLists.txt), and is called only on a processor that has it (hash.cpp). It uses
// nothing but xxHash, whose functions are all static here: an inline function of the standard
// library compiled in this file could be the one the linker keeps for the whole program.
#include <cstddef>
#include <cstdint>

#define XXH_INLINE_ALL
#include <xxhash.h>

namespace showup {

void xxh3_update_avx2(XXH3_state_t* state, const char* data, std::size_t size) {
    XXH3_64bits_update(state, data, size);
}

std::uint64_t xxh3_digest_avx2(const XXH3_state_t* state) {
    return XXH3_64bits_digest(state);
}

} // namespace showup
