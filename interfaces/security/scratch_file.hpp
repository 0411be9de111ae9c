#pragma once
// A private temporary file (mode 600) without a name in any folder (O_TMPFILE in $TMPDIR, else
// /tmp): what it holds (a WMO325 carries BSNs) goes with the process, also when it is killed.
// path() is /proc/self/fd/N, which this process opens with ordinary streams while the object
// lives. For data that must not be held in memory (a national-scale WMO325).
#include <cstdint>
#include <string>

namespace zc::security {

class ScratchFile {
  public:
    ScratchFile();  // throws std::runtime_error when no temporary file can be made
    ~ScratchFile();
    ScratchFile(const ScratchFile&) = delete;
    ScratchFile& operator=(const ScratchFile&) = delete;

    const std::string& path() const { return path_; }
    std::uint64_t size() const;
    // The first `n` bytes (fewer when the file is shorter).
    std::string head(std::size_t n) const;

  private:
    int fd_ = -1;
    std::string path_;
};

}  // namespace zc::security
