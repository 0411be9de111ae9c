#include "provider_consent.hpp"

#include "../kernel/errors.hpp"

namespace zc::contracting {
namespace {

constexpr std::size_t kMaxGivenByLength = 200;

bool endsEarlier(const std::optional<Date>& after, const std::optional<Date>& before) {
    if (!after) return false;  // open-ended never ends earlier
    if (!before) return true;  // from open-ended to an end date
    return *after < *before;
}

bool hasControlCharacter(std::string_view text) {
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7f) return true;
    }
    return false;
}

std::string trimmed(std::string_view text) {
    const auto first = text.find_first_not_of(' ');
    if (first == std::string_view::npos) return {};
    const auto last = text.find_last_not_of(' ');
    return std::string(text.substr(first, last - first + 1));
}

}  // namespace

RetroactiveEffect retroactiveEffect(const AllocationTerms& before, const AllocationTerms& after,
                                    Date today) {
    // Einddatum (end - 1) before today  <=>  end <= today.
    if (endsEarlier(after.end, before.end) && *after.end <= today) {
        return RetroactiveEffect::EndInPast;
    }
    if (after.volume < before.volume && after.start < today) {
        return RetroactiveEffect::VolumeLoweredInPast;
    }
    return RetroactiveEffect::None;
}

void checkProviderConsent(const AllocationTerms& before, const AllocationTerms& after, Date today,
                          const std::optional<ProviderConsent>& consent) {
    const RetroactiveEffect effect = retroactiveEffect(before, after, today);
    if (effect == RetroactiveEffect::None || consent) return;
    const std::string what = effect == RetroactiveEffect::EndInPast
                                 ? "The new end date " + formatDate(*after.end) +
                                       " (exclusive) ends the allocation before today (OP186)"
                                 : "The lower volume " + std::to_string(after.volume) + " (was " +
                                       std::to_string(before.volume) +
                                       ") would also apply to the days since " +
                                       formatDate(after.start) + " (OP298/OP299)";
    throw ValidationError("PROVIDER_CONSENT_REQUIRED",
                          what +
                              "; agree this with the provider first and record who agreed and "
                              "when in provider_consent {given_by, given_on}.",
                          "provider_consent");
}

ProviderConsent makeProviderConsent(std::string_view given_by, Date given_on, Date today) {
    const std::string name = trimmed(given_by);
    if (name.empty() || name.size() > kMaxGivenByLength || hasControlCharacter(name)) {
        throw ValidationError("INVALID_PROVIDER_CONSENT",
                              "provider_consent.given_by names the person at the provider who "
                              "agreed (1 to 200 characters).",
                              "provider_consent");
    }
    if (today < given_on) {
        throw ValidationError("INVALID_PROVIDER_CONSENT",
                              "provider_consent.given_on (" + formatDate(given_on) +
                                  ") lies after today: record a consent once it was given.",
                              "provider_consent");
    }
    return {name, given_on};
}

}  // namespace zc::contracting
