#pragma once
// A ZIP archive (PKWARE APPNOTE 6.3, the subset every reader knows) of files held in memory:
// each file deflated (raw deflate, method 8) with its CRC-32, the central directory and its end
// record. No ZIP64: the whole archive stays below 4 GiB (asserted). Entries carry a fixed time
// (1 January 1980), so the same files give the same bytes. The container of an .xlsx workbook.
#include <string>
#include <vector>

namespace zc::http {

struct ZipEntry {
    std::string name;  // the path inside the archive, ASCII, '/' between folders
    std::string data;
};

// The archive's bytes, entries in the order given.
std::string zipArchive(const std::vector<ZipEntry>& entries);

}  // namespace zc::http
