#pragma once
// Reads a ZIP archive back for the tests (no library of ours does): every entry's name and
// data, inflated, with its size and CRC-32 checked against the central directory, as any unzip
// tool would. Throws std::runtime_error on anything it does not understand.
#include <Poco/Checksum.h>
#include <Poco/InflatingStream.h>

#include <cstdint>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>

namespace zc::test {

inline std::uint32_t zipU16(const std::string& z, std::size_t at) {
    if (at + 2 > z.size()) throw std::runtime_error("zip: truncated");
    return static_cast<unsigned char>(z[at]) | static_cast<unsigned char>(z[at + 1]) << 8;
}

inline std::uint32_t zipU32(const std::string& z, std::size_t at) {
    return zipU16(z, at) | zipU16(z, at + 2) << 16;
}

// name → data, in any order.
inline std::map<std::string, std::string> readZip(const std::string& zip) {
    const std::size_t end = zip.rfind(std::string("PK\x05\x06", 4));
    if (end == std::string::npos) throw std::runtime_error("zip: no end of central directory");
    const std::uint32_t count = zipU16(zip, end + 10);
    std::size_t at = zipU32(zip, end + 16);
    std::map<std::string, std::string> files;
    for (std::uint32_t i = 0; i < count; ++i) {
        if (zipU32(zip, at) != 0x02014b50) throw std::runtime_error("zip: bad central header");
        const std::uint32_t method = zipU16(zip, at + 10);
        const std::uint32_t crc = zipU32(zip, at + 16);
        const std::uint32_t packed = zipU32(zip, at + 20);
        const std::uint32_t size = zipU32(zip, at + 24);
        const std::uint32_t name_length = zipU16(zip, at + 28);
        const std::uint32_t skip = zipU16(zip, at + 30) + zipU16(zip, at + 32);
        const std::size_t local = zipU32(zip, at + 42);
        const std::string name = zip.substr(at + 46, name_length);
        at += 46 + name_length + skip;
        if (zipU32(zip, local) != 0x04034b50) throw std::runtime_error("zip: bad local header");
        const std::size_t data_at = local + 30 + zipU16(zip, local + 26) + zipU16(zip, local + 28);
        std::string data = zip.substr(data_at, packed);
        if (method == 8) {
            std::istringstream in(data);
            Poco::InflatingInputStream inflate(in, -15);
            std::ostringstream out;
            out << inflate.rdbuf();
            data = out.str();
        } else if (method != 0) {
            throw std::runtime_error("zip: unknown method");
        }
        Poco::Checksum check(Poco::Checksum::TYPE_CRC32);
        check.update(data.data(), static_cast<unsigned>(data.size()));
        if (data.size() != size || check.checksum() != crc) {
            throw std::runtime_error("zip: " + name + " has the wrong size or CRC-32");
        }
        files[name] = data;
    }
    return files;
}

}  // namespace zc::test
