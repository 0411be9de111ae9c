#pragma once
// The demo's log-ins: the municipalities' staff, the providers' users and the providers' API
// keys.
#include <vector>

#include "demo_context.hpp"

namespace zc::server::demo {

// The staff users (with a second factor where the role asks for one).
void loadStaff(Demo& d);
// Provider staff who log in to the web application, each for one demo provider.
void loadProviderUsers(Demo& d);
// An API key for each of the first demo providers, listed in the summary.
void issueApiKeys(Demo& d);
// Every demo log-in with its role and password.
std::vector<DemoLogin> demoLogins();

}  // namespace zc::server::demo
