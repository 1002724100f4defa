#pragma once
// Memory whose pages are made at once: reading a large file into memory and building its
// records writes thousands of fresh pages, and a fault a page is most of what such a read
// spends in the kernel.
#include <cstddef>

namespace showup {

// Makes the pages wholly inside [data, data + size) now, in one call (Linux 5.14's
// MADV_POPULATE_WRITE), as huge pages where the kernel allows them for 2 MB and more. Where
// the call is refused or unknown, they come one fault at a time as before.
void make_pages(void* data, std::size_t size);

} // namespace showup
