#pragma once
// The ports through which billing receives a WMO323 declaration (billing/app/
// declaration_intake.hpp) without knowing iWmo: DeclarationLines reads the message's head and
// lines in passes, DeclarationInbox is the message layer (who sent it, exactly-once
// registration, the WMO325 and the synchronous answer). Billing owns them; the message exchange
// implements them (interfaces/iwmo/exchange/wmo323_intake.hpp).
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "billing/domain/claim_line.hpp"

namespace zc::billing {

struct DeclarationResult;

// The head of a received declaration as billing reads it.
struct ReceivedHead {
    DeclarationHeader head;        // received today
    std::int64_t total_cents = 0;  // TotaalIngediendBedrag as written, its sign in total_credit
    bool total_credit = false;
    Date declaratie_dagtekening;
};

// One prestatie with its line in the message.
struct ReceivedLine {
    ClaimLine line;
    int line_number = 0;
};

class DeclarationLines {
  public:
    // What the first pass hands its lines to.
    class Reader {
      public:
        virtual ~Reader() = default;
        // The head, once, before any line. Returns false to stop reading (a repeated message).
        virtual bool onHead(const ReceivedHead& head) = 0;
        // The next batch of lines, in document order.
        virtual void onLines(std::vector<ReceivedLine>& lines) = 0;
    };
    virtual ~DeclarationLines() = default;
    // The first pass: the head, then the lines in batches (read on a thread of its own).
    virtual void stream(Reader& reader) = 0;
    // After the first pass: throws ValidationError (not processable) when it could not be read.
    virtual void requireValid() = 0;
    // Another pass over the credit lines (or the debit lines), in document order; throws as
    // requireValid when the message cannot be read.
    virtual void eachLine(bool credits, const std::function<void(ClaimLine&&)>& each) = 0;
};

// A WMO325 that answers the declaration as a whole, without a stored declaration.
struct WholeAnswer {
    bool technical_rejection = false;            // level 2: the header with 0001 only
    std::vector<std::string> declaration_codes;  // level 3: e.g. 8214, 9333
};

class DeclarationInbox {
  public:
    virtual ~DeclarationInbox() = default;
    // The provider that sent the message (sender, recipient and certificate checked); throws
    // ValidationError when it may not.
    virtual std::int64_t sender(const ReceivedHead& head) = 0;
    // Registers the message exactly once and returns its inbox id; nothing for a repeat, which
    // is answered with its stored answer.
    virtual std::optional<std::int64_t> registerMessage(std::int64_t provider_id) = 0;
    // The message's head as kept with the declaration (JSON text) for a later WMO325.
    virtual std::string messageHead() = 0;
    // Answers with a WMO325 for the whole declaration; unless `queue` is false it goes to the
    // provider's outbox: returns that outbox message.
    virtual std::optional<std::int64_t> answerWhole(const WholeAnswer& a, std::int64_t provider_id,
                                                    bool queue) = 0;
    // Answers with the WMO325 built from what is stored of the declaration; queued as above.
    virtual std::optional<std::int64_t> answerStored(std::int64_t declaration_id,
                                                     std::int64_t provider_id, bool queue) = 0;
    // Answers that lines await review (the WMO325 follows later).
    virtual void answerAwaitingReview(const DeclarationResult& result) = 0;
    // The message's audit object id ("afzender/484/identificatie").
    virtual std::string auditId() = 0;
};

}  // namespace zc::billing
