#include "intake_answer.hpp"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Stringifier.h>

#include <sstream>

#include "contracting/kernel/errors.hpp"

namespace zc::iwmo {

std::string answerHead(const IntakeAnswer& answer, std::size_t n) {
    return answer.body_file ? answer.body_file->head(n) : answer.body.substr(0, n);
}

IntakeAnswer retourAnswer(std::string retour_xml) {
    return {200, "application/xml; charset=utf-8", std::move(retour_xml), nullptr};
}

IntakeAnswer ackAnswer(const std::string& kind_name, const std::string& outcome, bool repeat) {
    Poco::JSON::Object o;
    o.set("message", kind_name);
    o.set("outcome", outcome);
    o.set("repeat", repeat);
    return {200, "application/json; charset=utf-8", jsonText(o), nullptr};
}

IntakeAnswer storedAnswer(const std::string& kind_name, const std::string& outcome,
                          std::optional<std::string> retour_xml, bool repeat) {
    if (!retour_xml) return ackAnswer(kind_name, outcome, repeat);
    return retourAnswer(std::move(*retour_xml));
}

std::string jsonText(const Poco::JSON::Object& o) {
    std::ostringstream out;
    Poco::JSON::Stringifier::condense(Poco::Dynamic::Var(o), out);
    return out.str();
}

void technicalError(const std::string& code, const std::string& message) {
    throw ValidationError(code, message, "");
}

void refuseByteOrderMark(std::string_view head) {
    const auto starts = [&](std::string_view bom) { return head.substr(0, bom.size()) == bom; };
    if (starts("\xEF\xBB\xBF") || starts("\xFE\xFF") || starts("\xFF\xFE")) {
        technicalError("XML_BYTE_ORDER_MARK",
                       "The message starts with a byte-order mark (BOM); iWmo messages are UTF-8 "
                       "without one (OP192). Remove it and send the message again.");
    }
}

}  // namespace zc::iwmo
