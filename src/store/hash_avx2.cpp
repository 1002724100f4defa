// text_hash with AVX2: this file alone is compiled with -mavx2 (src/CMakeLists.txt), and is
// called only on a processor that has it (hash.cpp).
#include "hash_xxh3.hpp"

namespace showup {

std::uint64_t text_hash_avx2(Pieces text) {
    return xxh3_of(text);
}

} // namespace showup
