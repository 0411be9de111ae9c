#include "figure_parts_memo.hpp"

namespace zc::invoicing {
namespace {

// At national scale 1,063 municipality and category pairs have figures; the largest has 612
// accepted parts (about 50 kB kept), most a few dozen. A key is one pair, year and report date.
constexpr std::size_t kProcessCapacity = 4096;

}  // namespace

std::shared_ptr<const FigureParts> FigurePartsMemo::find(const std::string& key,
                                                         const std::string& version) const {
    const std::lock_guard lock(mutex_);
    const auto found = entries_.find(key);
    if (found == entries_.end() || found->second.version != version) return nullptr;
    return found->second.parts;
}

void FigurePartsMemo::keep(const std::string& key, const std::string& version, FigureParts parts) {
    auto kept = std::make_shared<const FigureParts>(std::move(parts));
    const std::lock_guard lock(mutex_);
    // Full: start again (the report dates of other days are never read again; today's are
    // read again on their next request).
    if (entries_.size() >= capacity_ && !entries_.count(key)) entries_.clear();
    entries_[key] = Entry{version, std::move(kept)};
}

std::size_t FigurePartsMemo::size() const {
    const std::lock_guard lock(mutex_);
    return entries_.size();
}

FigurePartsMemo& figurePartsMemo() {
    static FigurePartsMemo memo(kProcessCapacity);
    return memo;
}

}  // namespace zc::invoicing
