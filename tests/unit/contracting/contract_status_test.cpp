#include "contracting/domain/contract_status.hpp"

#include <gtest/gtest.h>

#include <string>

#include "contracting/kernel/errors.hpp"

namespace zc::contracting {
namespace {

using enum ContractStatus;

struct TransitionRow {
    ContractStatus from;
    ContractStatus to;
    bool allowed;
};

// Every one of the 5 x 5 pairs, so a change to the rules shows up here.
constexpr TransitionRow kTransitions[] = {
    {Draft, Draft, false},           {Draft, Active, true},         {Draft, Suspended, false},
    {Draft, Terminated, true},       {Draft, Expired, false},       {Active, Draft, false},
    {Active, Active, false},         {Active, Suspended, true},     {Active, Terminated, true},
    {Active, Expired, true},         {Suspended, Draft, false},     {Suspended, Active, true},
    {Suspended, Suspended, false},   {Suspended, Terminated, true}, {Suspended, Expired, true},
    {Terminated, Draft, false},      {Terminated, Active, false},   {Terminated, Suspended, false},
    {Terminated, Terminated, false}, {Terminated, Expired, false},  {Expired, Draft, false},
    {Expired, Active, false},        {Expired, Suspended, false},   {Expired, Terminated, false},
    {Expired, Expired, false},
};

TEST(ContractStatus, TransitionTableCoversAllPairs) { EXPECT_EQ(std::size(kTransitions), 25u); }

TEST(ContractStatus, AllowsExactlyTheDocumentedTransitions) {
    for (const TransitionRow& row : kTransitions) {
        SCOPED_TRACE(contractStatusName(row.from) + " -> " + contractStatusName(row.to));
        EXPECT_EQ(isAllowedTransition(row.from, row.to), row.allowed);
    }
}

TEST(ContractStatus, CheckTransitionThrowsConflictForEveryForbiddenPair) {
    for (const TransitionRow& row : kTransitions) {
        SCOPED_TRACE(contractStatusName(row.from) + " -> " + contractStatusName(row.to));
        if (row.allowed) {
            EXPECT_NO_THROW(checkTransition(row.from, row.to));
            continue;
        }
        try {
            checkTransition(row.from, row.to);
            ADD_FAILURE() << "allowed";
        } catch (const ValidationError& e) {
            EXPECT_EQ(e.code(), "ILLEGAL_STATUS_CHANGE");
            EXPECT_EQ(e.field(), "status");
            EXPECT_EQ(e.kind(), ErrorKind::Conflict);
        }
    }
}

TEST(ContractStatus, IllegalChangeMessageNamesBothStatuses) {
    try {
        checkTransition(Terminated, Active);
        FAIL();
    } catch (const ValidationError& e) {
        EXPECT_STREQ(e.what(), "A contract cannot change from terminated to active.");
    }
}

TEST(ContractStatus, ParsesAndNamesEveryStatus) {
    for (ContractStatus s : {Draft, Active, Suspended, Terminated, Expired}) {
        EXPECT_EQ(parseContractStatus(contractStatusName(s)), s);
    }
    EXPECT_EQ(parseContractStatus("draft"), Draft);
    EXPECT_EQ(contractStatusName(Expired), "expired");
}

TEST(ContractStatus, RefusesUnknownStatus) {
    for (const char* bad : {"", "Active", "open", "closed", "active "}) {
        SCOPED_TRACE(bad);
        try {
            parseContractStatus(bad, "new_status");
            FAIL();
        } catch (const ValidationError& e) {
            EXPECT_EQ(e.code(), "INVALID_STATUS");
            EXPECT_EQ(e.field(), "new_status");
        }
    }
}

}  // namespace
}  // namespace zc::contracting
