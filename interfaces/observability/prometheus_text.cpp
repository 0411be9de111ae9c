#include "prometheus_text.hpp"

namespace zc::obs {

std::string prometheusLabelValue(std::string_view value) {
    std::string out;
    out.reserve(value.size());
    for (const char c : value) {
        if (c == '\\') {
            out += "\\\\";
        } else if (c == '"') {
            out += "\\\"";
        } else if (c == '\n') {
            out += "\\n";
        } else {
            out += c;
        }
    }
    return out;
}

std::string millionths(std::uint64_t micro_units) {
    std::string out = std::to_string(micro_units / 1000000);
    std::string frac = std::to_string(micro_units % 1000000);
    frac.insert(0, 6 - frac.size(), '0');
    while (!frac.empty() && frac.back() == '0') frac.pop_back();
    if (!frac.empty()) out += "." + frac;
    return out;
}

void PrometheusText::family(std::string_view name, std::string_view type, std::string_view help) {
    text_ += "# HELP ";
    text_ += name;
    text_ += ' ';
    // HELP text: backslash and line feed escaped.
    for (const char c : help) {
        if (c == '\\') {
            text_ += "\\\\";
        } else if (c == '\n') {
            text_ += "\\n";
        } else {
            text_ += c;
        }
    }
    text_ += "\n# TYPE ";
    text_ += name;
    text_ += ' ';
    text_ += type;
    text_ += '\n';
}

void PrometheusText::sample(std::string_view name, const Labels& labels, std::uint64_t value) {
    sample(name, labels, std::to_string(value));
}

void PrometheusText::sample(std::string_view name, const Labels& labels,
                            std::string_view value_text) {
    text_ += name;
    if (!labels.empty()) {
        text_ += '{';
        for (std::size_t i = 0; i < labels.size(); ++i) {
            if (i) text_ += ',';
            text_ += labels[i].first;
            text_ += "=\"";
            text_ += prometheusLabelValue(labels[i].second);
            text_ += '"';
        }
        text_ += '}';
    }
    text_ += ' ';
    text_ += value_text;
    text_ += '\n';
}

}  // namespace zc::obs
