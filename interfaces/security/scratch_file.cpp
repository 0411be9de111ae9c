#include "interfaces/security/scratch_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

namespace zc::security {

ScratchFile::ScratchFile() {
    const char* dir = std::getenv("TMPDIR");
    const std::string folder = dir && *dir ? dir : "/tmp";
    fd_ = ::open(folder.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (fd_ < 0) {
        throw std::runtime_error("cannot create a temporary file in " + folder + ": " +
                                 std::strerror(errno));
    }
    path_ = "/proc/self/fd/" + std::to_string(fd_);
}

ScratchFile::~ScratchFile() {
    if (fd_ >= 0) ::close(fd_);
}

std::uint64_t ScratchFile::size() const {
    struct stat st {};
    if (::fstat(fd_, &st) != 0) throw std::runtime_error("cannot stat a temporary file");
    return static_cast<std::uint64_t>(st.st_size);
}

std::string ScratchFile::head(std::size_t n) const {
    std::string out(n, '\0');
    std::size_t got = 0;
    while (got < n) {
        const auto r = ::pread(fd_, out.data() + got, n - got, static_cast<off_t>(got));
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) break;
        got += static_cast<std::size_t>(r);
    }
    out.resize(got);
    return out;
}

}  // namespace zc::security
