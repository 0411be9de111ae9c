#pragma once
// The figure parts a server process read before, reused while the figures they were read from
// are unchanged: each is kept with the versions of its municipality and category's figures
// (budget_figure_versions, migrations 0051 and 0052: a new value in the transaction of every
// change) and found only with those same versions. Bounded; safe to share between threads.
#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "invoicing/store/budget_store.hpp"

namespace zc::invoicing {

class FigurePartsMemo {
  public:
    explicit FigurePartsMemo(std::size_t capacity) : capacity_(capacity) {}

    // The parts kept for `key` with `version`; nothing when none are, or with another version.
    std::shared_ptr<const FigureParts> find(const std::string& key,
                                            const std::string& version) const;
    // Keeps `parts`, read after `version` was read, for `key` (replacing what was kept).
    void keep(const std::string& key, const std::string& version, FigureParts parts);
    std::size_t size() const;

  private:
    struct Entry {
        std::string version;
        std::shared_ptr<const FigureParts> parts;
    };
    std::size_t capacity_;
    mutable std::mutex mutex_;
    std::map<std::string, Entry> entries_;
};

// The one memo of this process (MariaDbBudgets::figureParts uses it).
FigurePartsMemo& figurePartsMemo();

}  // namespace zc::invoicing
