#include "zip_archive.hpp"

#include <Poco/Checksum.h>
#include <Poco/DeflatingStream.h>

#include <cstdint>
#include <limits>
#include <sstream>

#include "contracting/kernel/errors.hpp"

namespace zc::http {
namespace {

constexpr std::uint16_t kVersion = 20;  // 2.0: deflate
constexpr std::uint16_t kDeflate = 8;
constexpr std::uint16_t kDosDate = 0x21;  // 1980-01-01
constexpr int kRawDeflate = -15;          // zlib's window bits for deflate without a wrapper

void u16(std::string& out, std::uint32_t v) {
    out += static_cast<char>(v & 0xFF);
    out += static_cast<char>((v >> 8) & 0xFF);
}

void u32(std::string& out, std::uint32_t v) {
    u16(out, v & 0xFFFF);
    u16(out, v >> 16);
}

std::uint32_t size32(std::size_t n) {
    ZC_ASSERT(n <= std::numeric_limits<std::uint32_t>::max());
    return static_cast<std::uint32_t>(n);
}

std::string deflated(const std::string& data) {
    std::ostringstream out;
    {
        Poco::DeflatingOutputStream deflate(out, kRawDeflate, 6);
        deflate.write(data.data(), static_cast<std::streamsize>(data.size()));
        deflate.close();
    }
    return out.str();
}

struct Written {
    std::uint32_t crc = 0;
    std::uint32_t packed = 0;
    std::uint32_t size = 0;
    std::uint32_t offset = 0;
};

// The fields the local header and the central directory share, from "version needed" on.
void common(std::string& out, const ZipEntry& e, const Written& w) {
    u16(out, kVersion);
    u16(out, 0);  // flags
    u16(out, kDeflate);
    u16(out, 0);  // time 00:00
    u16(out, kDosDate);
    u32(out, w.crc);
    u32(out, w.packed);
    u32(out, w.size);
    u16(out, size32(e.name.size()));
    u16(out, 0);  // extra field length
}

}  // namespace

std::string zipArchive(const std::vector<ZipEntry>& entries) {
    std::string out;
    std::vector<Written> written;
    for (const auto& e : entries) {
        Poco::Checksum crc(Poco::Checksum::TYPE_CRC32);
        crc.update(e.data.data(), size32(e.data.size()));
        const std::string packed = deflated(e.data);
        const Written w{crc.checksum(), size32(packed.size()), size32(e.data.size()),
                        size32(out.size())};
        u32(out, 0x04034b50);
        common(out, e, w);
        out += e.name;
        out += packed;
        written.push_back(w);
    }
    const std::uint32_t directory = size32(out.size());
    for (std::size_t i = 0; i < entries.size(); ++i) {
        u32(out, 0x02014b50);
        u16(out, kVersion);  // made by
        common(out, entries[i], written[i]);
        u16(out, 0);  // comment length
        u16(out, 0);  // disk
        u16(out, 0);  // internal attributes
        u32(out, 0);  // external attributes
        u32(out, written[i].offset);
        out += entries[i].name;
    }
    const std::uint32_t directory_size = size32(out.size()) - directory;
    u32(out, 0x06054b50);
    u16(out, 0);  // this disk
    u16(out, 0);  // the directory's disk
    u16(out, size32(entries.size()));
    u16(out, size32(entries.size()));
    u32(out, directory_size);
    u32(out, directory);
    u16(out, 0);  // comment length
    size32(out.size());
    return out;
}

}  // namespace zc::http
