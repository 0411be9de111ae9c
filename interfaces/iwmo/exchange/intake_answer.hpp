#pragma once
// What the intake of a provider's message answers, and its refusals before anything is stored:
// the answer type, the JSON acknowledgement of a message without a retour, the byte-order-mark
// check (OP192) and the technical error (not processable: no retour, nothing stored).
#include <Poco/JSON/Object.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "interfaces/security/scratch_file.hpp"

namespace zc::iwmo {

// The synchronous answer to a received message: the retour XML, or for 302/320 (which have no
// retour) a short JSON acknowledgement.
struct IntakeAnswer {
    int status = 200;
    std::string content_type;
    std::string body;
    // Instead of `body`: the answer in a private temporary file (a WMO325 of any size).
    std::shared_ptr<security::ScratchFile> body_file;
};
// The first `n` bytes of the answer, from the body or its file.
std::string answerHead(const IntakeAnswer& answer, std::size_t n);

// The retour (application/xml) as the answer.
IntakeAnswer retourAnswer(std::string retour_xml);
// {"message": kind_name, "outcome": outcome, "repeat": repeat} (application/json).
IntakeAnswer ackAnswer(const std::string& kind_name, const std::string& outcome, bool repeat);
// The answer a registered message got: its retour, or the acknowledgement when it has none.
IntakeAnswer storedAnswer(const std::string& kind_name, const std::string& outcome,
                          std::optional<std::string> retour_xml, bool repeat);
// The object as condensed JSON text (what the answers and the stored message heads carry).
std::string jsonText(const Poco::JSON::Object& o);

// Not processable: throws ValidationError(code, message, "") (no retour, nothing stored).
[[noreturn]] void technicalError(const std::string& code, const std::string& message);

// OP192: a message starting with a byte-order mark (UTF-8, or UTF-16 of either order) is not
// processable: throws ValidationError XML_BYTE_ORDER_MARK (400, no retour, nothing stored).
void refuseByteOrderMark(std::string_view head);

}  // namespace zc::iwmo
