#include "text_search.hpp"

#include <bit>
#include <cstring>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace showup {

bool contains(std::string_view text, std::string_view part) {
    if (part.size() > text.size()) {
        return false;
    }
    if (part.size() < 2) {
        return part.empty() || std::memchr(text.data(), part[0], text.size()) != nullptr;
    }
    std::size_t at = 0;
#ifdef __SSE2__
    // Sixteen places at once: those where two bytes of `part` are where they would be, each
    // then compared whole (W. Muła's "SIMD-friendly algorithms for substring searching"). Its
    // second and last but one bytes: in a JSON text, a quoted word's quotes are everywhere.
    const std::size_t a = part.size() >= 4 ? 1 : 0;
    const std::size_t b = part.size() >= 4 ? part.size() - 2 : part.size() - 1;
    const auto first = _mm_set1_epi8(part[a]);
    const auto last = _mm_set1_epi8(part[b]);
    const auto* const data = text.data();
    for (; at + part.size() + 16 <= text.size() + 1; at += 16) {
        const auto x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + at + a));
        const auto y = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + at + b));
        auto mask = static_cast<unsigned>(
            _mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(x, first), _mm_cmpeq_epi8(y, last))));
        while (mask != 0) {
            const auto bit = static_cast<std::size_t>(std::countr_zero(mask));
            if (std::memcmp(data + at + bit, part.data(), part.size()) == 0) {
                return true;
            }
            mask &= mask - 1;
        }
    }
#endif
    return text.substr(at).find(part) != std::string_view::npos;
}

std::size_t count_lines(std::string_view text) {
    if (text.empty()) {
        return 0;
    }
    std::size_t lines = 0;
    const char* p = text.data();
    const char* const end = text.data() + text.size();
    while (const void* nl = std::memchr(p, '\n', static_cast<std::size_t>(end - p))) {
        ++lines;
        p = static_cast<const char*>(nl) + 1;
    }
    return lines + (p < end ? 1 : 0);
}

} // namespace showup
