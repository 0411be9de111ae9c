#pragma once
// The StUF 03.01 answers of the GGk exchange (ggk0310_OntvangAsynchroon.wsdl, issue 16): Bv03,
// the synchronous acknowledgement that an envelope was received; Fo03, the synchronous fault
// (in a SOAP Fault); and Fo01, the asynchronous error message sent back through the chain for
// an envelope that was received but cannot be processed. Plus the SOAP 1.1 envelope they
// travel in (document/literal, WS-I Basic Profile 1.1), and the chain's asynchronous error
// codes (teksten/foutcodes-asynchroon-isd-keten-2.1.04.txt). Written from the specification;
// the tests check them against the official stuf0301.xsd.
#include <string>
#include <vector>

#include "interfaces/iwmo/ggk_envelope.hpp"

namespace zc::iwmo {

inline constexpr const char* kSoap11Namespace = "http://schemas.xmlsoap.org/soap/envelope/";

// The stuurgegevens every answer carries: who answers whom, its own referentienummer (a UUID)
// and moment, and the referentienummer of the envelope it answers (crossRefnummer).
struct StufAnswerHeader {
    GgkSystem zender;
    GgkSystem ontvanger;
    std::string referentienummer;
    std::string tijdstip;
    std::string cross_refnummer;
};

// StUF:Foutbericht. code: at most 7 characters (e.g. "StUF055"); client: whether the fault lies
// with the sender ("client") or with us ("server"); omschrijving at most 200, details at most
// 1000 characters (longer text is cut at a character boundary).
struct StufFault {
    std::string code;
    bool client = true;
    std::string omschrijving;
    std::string details;
};

// <StUF:Bv03Bericht>, <StUF:Fo01Bericht>, <StUF:Fo03Bericht> as body elements (no XML
// declaration), with the StUF namespace declared on them. Throws std::invalid_argument naming
// the field when a value breaks the schema's bounds.
std::string stufBv03(const StufAnswerHeader& h);
std::string stufFo01(const StufAnswerHeader& h, const StufFault& fault);
std::string stufFo03(const StufAnswerHeader& h, const StufFault& fault);

// A SOAP 1.1 envelope around one body element, with the XML declaration.
std::string soapEnvelope(const std::string& body_element);
// A SOAP 1.1 Fault (faultcode soap:Client or soap:Server, faultstring the omschrijving) whose
// detail holds the Fo03: the answer to a ggk_Di01, ggk_Du01 or Fo01 that was not accepted.
std::string soapFo03Fault(const StufAnswerHeader& h, const StufFault& fault);

// An error code of the ISD chain: who sends it and what it means, in Dutch.
struct ChainErrorCode {
    std::string code;
    std::string sender;  // "Gemeente", "IB" (Inlichtingenbureau), "RINIS", "VECOZO"
    std::string text;
};
// Every code of the list, in its order.
const std::vector<ChainErrorCode>& chainErrorCodes();
// The Dutch text of `code`, or "" when the list does not know it.
std::string chainErrorText(const std::string& code);
// The <omschrijving> of a StUF 03.01 fault code of table 4.1 (StUF001..StUF061: the envelope's
// faults, e.g. "StUF016" "Combinatie zender en referentienummer niet uniek"); "" when unknown.
std::string stufErrorText(const std::string& code);

// The code a municipality sends (Fo01) for a payload that is not valid against the message's
// XSD.
inline constexpr const char* kPayloadNotConform = "StUF055";

}  // namespace zc::iwmo
