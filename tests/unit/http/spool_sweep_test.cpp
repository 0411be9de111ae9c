// Issue 14 (#2): request bodies spooled to a named temporary file by a run killed mid-upload
// (they carry BSNs) are removed at start-up; a file still being written and other files stay.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

#include "interfaces/http/spooled_body.hpp"
#include "interfaces/security/crypto.hpp"

namespace zc::http {
namespace {

namespace fs = std::filesystem;

fs::path write(const fs::path& dir, const std::string& name, std::chrono::minutes age) {
    const auto path = dir / name;
    std::ofstream(path) << "<wmo323:Bsn>123456782</wmo323:Bsn>";
    fs::last_write_time(path, fs::file_time_type::clock::now() - age);
    return path;
}

TEST(SpoolSweep, LeftoversOfAKilledUploadGoOtherFilesStay) {
    const auto salt = security::randomBytes(6);
    const fs::path dir =
        fs::temp_directory_path() / ("zc-sweep-" + security::toHex(salt.data(), salt.size()));
    fs::create_directories(dir);
    const auto killed = write(dir, "zorgcontract-body-Ab12Cd", std::chrono::minutes(10));
    const auto live = write(dir, "zorgcontract-body-Ef34Gh", std::chrono::minutes(0));
    const auto other = write(dir, "someone-else-body-Ij56Kl", std::chrono::minutes(10));

    EXPECT_EQ(sweepSpoolLeftovers(dir.string(), 60), 1);
    EXPECT_FALSE(fs::exists(killed)) << "a leftover with BSNs survived the start-up sweep";
    EXPECT_TRUE(fs::exists(live)) << "a body another process is still writing was removed";
    EXPECT_TRUE(fs::exists(other));
    EXPECT_EQ(sweepSpoolLeftovers(dir.string(), 60), 0);
    fs::remove_all(dir);
}

}  // namespace
}  // namespace zc::http
