#pragma once
// The retour codes the rules of a received message give, each with the part of the message it
// is about, in the order the rules found them (the retour lists them so per class). The message
// exchange puts each on its XML element.
#include <cstddef>
#include <string>
#include <vector>

namespace zc::contracting {

// The part a code is about: the Client, the request (Verzoek of a 317), or the index-th item
// of a list: the products of a 305/307/315, or a 317's unchanged, changed and new products.
enum class CodePlace { Client, Request, Item, Unchanged, Change, New };

struct PlacedCode {
    CodePlace place = CodePlace::Client;
    std::size_t index = 0;  // the item's position in its list (lists only)
    std::string code;       // e.g. "9019"
};

using PlacedCodes = std::vector<PlacedCode>;

}  // namespace zc::contracting
