#pragma once
// UTF-8 decoding, strict: one code point at a time.
#include <cstddef>
#include <optional>
#include <string_view>

namespace zc {

// Decodes the UTF-8 sequence at `i` and advances `i` past it; nullopt (and `i` unchanged) for
// malformed UTF-8: overlong forms, surrogates, values above U+10FFFF and truncated sequences.
std::optional<char32_t> decodeUtf8(std::string_view s, std::size_t& i);

}  // namespace zc
