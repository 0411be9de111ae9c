// Tab-separated files for LOAD DATA LOCAL INFILE (bench/national.sh): one writer per table,
// split into files of at most `rows_per_file` rows so that each LOAD DATA is a transaction of
// bounded size. \N is NULL; the values written here never hold a tab, newline or backslash.
#pragma once

#include <cstdint>
#include <fstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace zc::bench {

class Tsv {
  public:
    Tsv(std::string dir, std::string table, std::string columns,
        std::int64_t rows_per_file = 1'000'000)
        : dir_(std::move(dir)),
          table_(std::move(table)),
          columns_(std::move(columns)),
          rows_per_file_(rows_per_file) {}
    Tsv(const Tsv&) = delete;
    Tsv& operator=(const Tsv&) = delete;
    ~Tsv() { close(); }

    Tsv& operator<<(std::string_view v) {
        sep();
        buf_ += v;
        return *this;
    }
    Tsv& operator<<(const std::string& v) { return *this << std::string_view(v); }
    Tsv& operator<<(const char* v) { return *this << std::string_view(v); }
    Tsv& operator<<(std::int64_t v) {
        sep();
        buf_ += std::to_string(v);
        return *this;
    }
    Tsv& operator<<(int v) { return *this << static_cast<std::int64_t>(v); }
    Tsv& null() { return *this << std::string_view("\\N"); }

    void end() {
        buf_ += '\n';
        first_ = true;
        ++rows_;
        if (++in_file_ >= rows_per_file_) close();
        if (buf_.size() > (1 << 20)) flush();
    }

    std::int64_t rows() const { return rows_; }
    // The LOAD DATA statements of every file written, in order.
    std::string loadStatements() {
        close();
        std::string sql;
        for (const auto& f : files_) {
            sql += "LOAD DATA LOCAL INFILE '" + f + "' INTO TABLE " + table_ + " (" + columns_ +
                   ");\nCOMMIT;\n";
        }
        return sql;
    }

  private:
    void sep() {
        if (!first_) buf_ += '\t';
        first_ = false;
    }
    void flush() {
        if (buf_.empty()) return;
        if (!out_.is_open()) {
            files_.push_back(dir_ + "/" + table_ + "." + std::to_string(files_.size()) + ".tsv");
            out_.open(files_.back(), std::ios::binary | std::ios::trunc);
            if (!out_) throw std::runtime_error("cannot write " + files_.back());
        }
        out_.write(buf_.data(), static_cast<std::streamsize>(buf_.size()));
        buf_.clear();
    }
    void close() {
        flush();
        if (out_.is_open()) out_.close();
        in_file_ = 0;
    }

    std::string dir_, table_, columns_;
    std::int64_t rows_per_file_;
    std::vector<std::string> files_;
    std::ofstream out_;
    std::string buf_;
    bool first_ = true;
    std::int64_t rows_ = 0, in_file_ = 0;
};

}  // namespace zc::bench
