#pragma once
// A vdir, the calendar storage of khal and vdirsyncer: a directory of .ics files, each one
// calendar object (a whole VCALENDAR), named by the UID of its event.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "showup/file_system.hpp"

namespace showup::cli {

struct VdirItem {
    std::string uid;
    std::string text; // the file's bytes
};

// What a write did, by file name, each list in name order.
struct VdirChanges {
    std::vector<std::string> written;
    std::vector<std::string> unchanged;
    std::vector<std::string> removed;
    std::string warning; // a change made but maybe not flushed; empty when there is none
};

// The name of the file of `uid`: the UID itself where it is made of letters, digits and
// "-_.+@" (safe in a file name and a URL path), other bytes and a leading dot as %XX, then
// ".ics". A name longer than the file system allows is cut in the middle, where a hash of the
// UID tells it apart.
std::string vdir_file_name(std::string_view uid);

// Whether `a` and `b` are the same lines but for the value of DTSTAMP, which says when the
// text was written, not what it says.
bool same_but_stamp(std::string_view a, std::string_view b);

// The UID of the first component of iCalendar `text` (lines unfolded); empty when it has none.
std::string ics_uid(std::string_view text);

// Makes `dir` hold `items`: creates it (mode 0700) when it is missing; writes the file of an
// item whose bytes differ from what is there but for DTSTAMP, each through a temporary file
// renamed over the old one; and removes the files of earlier writes that are not among `items`:
// a file is one when its name ends in `own_suffix` ".ics" and so does its UID. Nothing else in
// `dir` is touched. Two writers of one directory exclude each other with a lock on it.
VdirChanges write_vdir(FileSystem& fs, const std::filesystem::path& dir,
                       const std::vector<VdirItem>& items, std::string_view own_suffix);

} // namespace showup::cli
