// Which file a web address names: only files of known types inside the web folder.
#include "interfaces/http/static_files.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace {

namespace fs = std::filesystem;
using zc::http::staticFilePath;

class StaticFiles : public ::testing::Test {
  protected:
    void SetUp() override {
        base_ = fs::temp_directory_path() /
                ("zc-static-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
                 "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
        root_ = base_ / "web";
        fs::create_directories(root_ / "js");
        write(root_ / "index.html", "<!doctype html>");
        write(root_ / "js" / "app.js", "export {};");
        write(root_ / ".secret.js", "hidden");
        write(root_ / "notes.md", "unknown type");
        write(base_ / "outside.js", "outside");
        fs::create_symlink(base_ / "outside.js", root_ / "js" / "link.js");
    }
    void TearDown() override { fs::remove_all(base_); }

    static void write(const fs::path& p, const std::string& text) { std::ofstream(p) << text; }
    std::string path(const std::string& uri) const { return staticFilePath(root_.string(), uri); }

    fs::path base_;
    fs::path root_;
};

TEST_F(StaticFiles, AFileOfTheFolderIsServed) {
    EXPECT_EQ(fs::path(path("/js/app.js")), fs::canonical(root_ / "js" / "app.js"));
}

TEST_F(StaticFiles, TheRootAndEveryScreenAddressGetTheIndexPage) {
    const auto index = fs::canonical(root_ / "index.html");
    EXPECT_EQ(fs::path(path("/")), index);
    EXPECT_EQ(fs::path(path("")), index);
    EXPECT_EQ(fs::path(path("/reviews")), index);
    EXPECT_EQ(fs::path(path("/payment-runs/12")), index);
}

TEST_F(StaticFiles, NothingOutsideTheFolderHiddenOrOfUnknownTypeIsServed) {
    EXPECT_EQ(path("/../outside.js"), "");
    EXPECT_EQ(path("/js/../../outside.js"), "");
    EXPECT_EQ(path("/js/link.js"), "") << "a symbolic link out of the folder";
    EXPECT_EQ(path("/.secret.js"), "");
    EXPECT_EQ(path("/notes.md"), "");
    EXPECT_EQ(path("/js/missing.js"), "");
    EXPECT_EQ(path("/js//app.js"), "");
    EXPECT_EQ(path("/js/app js.js"), "");
}

}  // namespace
