#include "pages.hpp"

#include <cstdint>

#include <sys/mman.h>
#include <unistd.h>

namespace showup {

void make_pages(void* data, std::size_t size) {
    static const auto page = static_cast<std::uintptr_t>(::sysconf(_SC_PAGESIZE));
    const auto begin = (reinterpret_cast<std::uintptr_t>(data) + page - 1) & ~(page - 1);
    const auto end = (reinterpret_cast<std::uintptr_t>(data) + size) & ~(page - 1);
    if (end <= begin) {
        return;
    }
    [[maybe_unused]] auto* const first = reinterpret_cast<void*>(begin);
#ifdef MADV_HUGEPAGE
    constexpr std::uintptr_t k_huge_page = 2U << 20;
    if (end - begin >= k_huge_page) {
        ::madvise(first, end - begin, MADV_HUGEPAGE);
    }
#endif
#ifdef MADV_POPULATE_WRITE
    ::madvise(first, end - begin, MADV_POPULATE_WRITE);
#endif
}

} // namespace showup
