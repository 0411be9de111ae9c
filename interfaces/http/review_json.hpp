#pragma once
// A review item (beoordeling) as the review queue shows it, with its allocation's cap and use,
// written straight into the answer's text (JsonObjectWriter; issue 17).
#include <string>
#include <vector>

#include "billing/app/review_queue.hpp"

namespace zc::http {

void appendReviewJson(const billing::ReviewView& v, std::string& out);
void appendReviewsJson(const std::vector<billing::ReviewView>& reviews, std::string& out);

}  // namespace zc::http
