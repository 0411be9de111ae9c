#pragma once
// What the GGk double looks at in each envelope (issue 16): the SOAP body's element checked
// against the official schema with xmllint, the problems worth a test's attention, the kind
// and referentienummer that name the artifact, and the artifacts folder itself.
#include <optional>
#include <string>
#include <vector>

#include "interfaces/iwmo/ggk_soap.hpp"

namespace zc::test {

// The first element inside the SOAP Body as a document of its own (with an XML declaration),
// carrying the namespace declarations of soap:Envelope and soap:Body it does not declare
// itself; "" when there is no Body or no element in it.
std::string soapBodyElement(const std::string& soap);

// xmllint's verdict on the SOAP body's element against the official schema of its kind:
// ggk0310_msg.xsd for an envelopHeenbericht-ggk_Di01 or envelopRetourbericht-ggk_Du01,
// stuf0301.xsd for a Fo01Bericht; "" when it validates. `name` makes the scratch file unique.
std::string officialProblems(const std::string& soap, const std::string& name);

// The problems of a post: those of reading it with our schemas, a SOAPAction that does not
// name the body's operation (per the WSDL), a Content-Type that is not text/xml.
std::vector<std::string> postProblems(const iwmo::GgkSoapRead& read, const std::string& soap_action,
                                      const std::string& content_type);

// The referentienummer of a message (the envelope's, or the StUF answer's own).
std::string referenceOf(const iwmo::GgkSoapMessage& message);
// The iWmo message type (functie) of a Di01/Du01, "-" otherwise.
std::string functieOf(const iwmo::GgkSoapMessage& message);
// The SOAPAction the WSDL gives the operation of this kind ("" for Bv03/Fo03).
std::string soapActionOf(iwmo::GgkSoapKind kind);

// The folder that keeps every envelope as <seq>-<in|out>-<kind>-<referentienummer|invalid>.xml.
// Sequence numbers are counted per process and continue after the highest one already there,
// so that the doubles of one process or of processes one after another never overwrite each
// other's files. Thread-safe.
class ArtifactFolder {
  public:
    explicit ArtifactFolder(std::string dir);  // "" keeps nothing (numbers still count)
    int next();
    // Writes `text` for the envelope `message` (std::nullopt: unreadable) as sequence `seq`.
    void keep(int seq, const std::string& direction,
              const std::optional<iwmo::GgkSoapMessage>& message, const std::string& text) const;
    const std::string& dir() const { return dir_; }

  private:
    std::string dir_;
};

}  // namespace zc::test
