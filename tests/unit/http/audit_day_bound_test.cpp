// The audit filter's days (?from=, ?to= of GET /audit and the audit export): a day an auditor
// picks on the screen, where times are shown in Amsterdam, is an Amsterdam day.
#include <gtest/gtest.h>

#include "contracting/kernel/errors.hpp"
#include "interfaces/http/audit_api.hpp"

namespace zc {
namespace {

TEST(AuditDayBound, AnAuditorsDayIsTheAmsterdamDay) {
    // 1 July: from 30 June 22:00 UTC up to (not including) 1 July 22:00 UTC.
    EXPECT_EQ(http::auditDayBound("2026-07-01", "from", 0), "2026-06-30 22:00:00");
    EXPECT_EQ(http::auditDayBound("2026-07-01", "to", 1), "2026-07-01 22:00:00");
    EXPECT_EQ(http::auditDayBound("2026-01-15", "from", 0), "2026-01-14 23:00:00");
    EXPECT_EQ(http::auditDayBound("", "from", 0), "");
    EXPECT_THROW(http::auditDayBound("2026-02-30", "from", 0), ValidationError);
}

}  // namespace
}  // namespace zc
