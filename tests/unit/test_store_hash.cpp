#include <doctest/doctest.h>

#include <string>
#include <vector>

// The library's own one-shot XXH3, to compare with.
#define XXH_INLINE_ALL
#include <xxhash.h>

#include "store/hash.hpp"

#ifdef SHOWUP_HASH_AVX2
#include <sys/platform/x86.h>
#endif

using namespace showup;

namespace store_hash_test {

TEST_CASE("hash: the seal's hash is XXH3, however the text is cut into pieces") {
    // A text long enough for every path of XXH3 (over 240 bytes it works in stripes of 64, and
    // in blocks of 1,024), made of all byte values.
    std::string text;
    for (std::size_t i = 0; i < 5000; ++i) {
        text += static_cast<char>((i * 131 + i / 7) % 256);
    }
    // Which of the two text_hash uses: AVX2 where it was built and the processor (as glibc
    // found it) can run it, never elsewhere.
    MESSAGE("text_hash uses AVX2: " << text_hash_uses_avx2());
#ifdef SHOWUP_HASH_AVX2
    CHECK(text_hash_uses_avx2() == CPU_FEATURE_ACTIVE(AVX2));
#else
    CHECK_FALSE(text_hash_uses_avx2());
#endif
    const std::string_view none[] = {std::string_view()};
    CHECK(text_hash(none) == 0x2D06800538D394C2ULL); // xxHash's own test vector
    CHECK(text_hash(std::span<const std::string_view>{}) == 0x2D06800538D394C2ULL);
    for (const std::size_t size :
         {1UL, 16UL, 17UL, 128UL, 129UL, 240UL, 241UL, 1024UL, 1025UL, 4999UL, 5000UL}) {
        const std::string_view whole(text.data(), size);
        const auto expected = XXH3_64bits(whole.data(), whole.size());
        CAPTURE(size);
        const std::string_view one[] = {whole};
        CHECK(text_hash(one) == expected);
        CHECK(text_hash_baseline(one) == expected);
        for (const std::size_t cut : {0UL, 1UL, 63UL, 64UL, 65UL, 255UL, 256UL, 1000UL}) {
            if (cut > size) {
                continue;
            }
            CAPTURE(cut);
            const std::string_view three[] = {
                whole.substr(0, cut / 2), whole.substr(cut / 2, cut - cut / 2), whole.substr(cut)};
            CHECK(text_hash(three) == expected);
            CHECK(text_hash_baseline(three) == expected);
        }
    }
}

} // namespace store_hash_test
