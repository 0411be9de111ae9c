// Retroactive changes need the provider's consent (OP186, OP298, OP299):
// contracting/domain/provider_consent.hpp.
#include "contracting/domain/provider_consent.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "contracting/kernel/errors.hpp"

namespace zc::contracting {
namespace {

Date d(const char* text) { return parseDate(text); }

std::string codeOf(const std::function<void()>& f) {
    try {
        f();
    } catch (const ValidationError& e) {
        return e.code();
    }
    return "ok";
}

const Date kToday = d("2025-06-10");
const AllocationTerms kBefore{d("2025-01-06"), d("2025-12-01"), 4};

struct Row {
    const char* name;
    AllocationTerms before;
    AllocationTerms after;
    RetroactiveEffect effect;
    const char* without_consent;
};

TEST(ProviderConsent, TableOfChanges) {
    const AllocationTerms future{d("2025-07-01"), d("2025-12-01"), 4};
    const std::vector<Row> rows = {
        {"nothing lowered", kBefore, kBefore, RetroactiveEffect::None, "ok"},
        {"volume raised",
         kBefore,
         {d("2025-01-06"), d("2025-12-01"), 5},
         RetroactiveEffect::None,
         "ok"},
        {"end moved later",
         kBefore,
         {d("2025-01-06"), d("2026-03-01"), 4},
         RetroactiveEffect::None,
         "ok"},
        {"end moved earlier, still in the future",
         kBefore,
         {d("2025-01-06"), d("2025-09-01"), 4},
         RetroactiveEffect::None,
         "ok"},
        {"Einddatum today (end tomorrow)",
         kBefore,
         {d("2025-01-06"), d("2025-06-11"), 4},
         RetroactiveEffect::None,
         "ok"},
        {"Einddatum yesterday (end today)",
         kBefore,
         {d("2025-01-06"), d("2025-06-10"), 4},
         RetroactiveEffect::EndInPast,
         "PROVIDER_CONSENT_REQUIRED"},
        {"ended months ago",
         kBefore,
         {d("2025-01-06"), d("2025-03-01"), 4},
         RetroactiveEffect::EndInPast,
         "PROVIDER_CONSENT_REQUIRED"},
        {"open-ended gets an end in the past",
         {d("2025-01-06"), std::nullopt, 4},
         {d("2025-01-06"), d("2025-05-01"), 4},
         RetroactiveEffect::EndInPast,
         "PROVIDER_CONSENT_REQUIRED"},
        {"removed (end = start) after it started",
         kBefore,
         {d("2025-01-06"), d("2025-01-06"), 4},
         RetroactiveEffect::EndInPast,
         "PROVIDER_CONSENT_REQUIRED"},
        {"removed before it starts",
         future,
         {d("2025-07-01"), d("2025-07-01"), 4},
         RetroactiveEffect::None,
         "ok"},
        {"an end already in the past, unchanged",
         {d("2025-01-06"), d("2025-03-01"), 4},
         {d("2025-01-06"), d("2025-03-01"), 4},
         RetroactiveEffect::None,
         "ok"},
        {"volume lowered after the start",
         kBefore,
         {d("2025-01-06"), d("2025-12-01"), 3},
         RetroactiveEffect::VolumeLoweredInPast,
         "PROVIDER_CONSENT_REQUIRED"},
        {"volume lowered before the start",
         future,
         {d("2025-07-01"), d("2025-12-01"), 2},
         RetroactiveEffect::None,
         "ok"},
        {"volume lowered on the start day",
         {kToday, d("2025-12-01"), 4},
         {kToday, d("2025-12-01"), 2},
         RetroactiveEffect::None,
         "ok"},
        {"end in the past and volume lowered: the end is named",
         kBefore,
         {d("2025-01-06"), d("2025-04-01"), 2},
         RetroactiveEffect::EndInPast,
         "PROVIDER_CONSENT_REQUIRED"},
    };
    const ProviderConsent consent{"J. de Boer (teamleider)", d("2025-06-09")};
    for (const auto& r : rows) {
        EXPECT_EQ(retroactiveEffect(r.before, r.after, kToday), r.effect) << r.name;
        EXPECT_EQ(codeOf([&] { checkProviderConsent(r.before, r.after, kToday, std::nullopt); }),
                  r.without_consent)
            << r.name;
        EXPECT_EQ(codeOf([&] { checkProviderConsent(r.before, r.after, kToday, consent); }), "ok")
            << r.name;
    }
}

TEST(ProviderConsent, RefusalNamesTheRuleAndTheField) {
    try {
        checkProviderConsent(kBefore, {d("2025-01-06"), d("2025-12-01"), 3}, kToday, std::nullopt);
        ADD_FAILURE() << "accepted";
    } catch (const ValidationError& e) {
        EXPECT_EQ(e.field(), "provider_consent");
        EXPECT_EQ(e.kind(), ErrorKind::Conflict);
        EXPECT_NE(std::string(e.what()).find("OP298"), std::string::npos) << e.what();
    }
}

TEST(ProviderConsent, ConsentNeedsAPersonAndADateNotInTheFuture) {
    EXPECT_EQ(makeProviderConsent("  J. de Boer ", d("2025-06-10"), kToday).given_by, "J. de Boer");
    EXPECT_EQ(codeOf([] { makeProviderConsent("J. de Boer", d("2025-06-11"), kToday); }),
              "INVALID_PROVIDER_CONSENT");
    EXPECT_EQ(codeOf([] { makeProviderConsent("   ", d("2025-06-01"), kToday); }),
              "INVALID_PROVIDER_CONSENT");
    EXPECT_EQ(codeOf([] { makeProviderConsent("a\nb", d("2025-06-01"), kToday); }),
              "INVALID_PROVIDER_CONSENT");
    EXPECT_EQ(codeOf([] { makeProviderConsent(std::string(201, 'x'), d("2025-06-01"), kToday); }),
              "INVALID_PROVIDER_CONSENT");
}

}  // namespace
}  // namespace zc::contracting
