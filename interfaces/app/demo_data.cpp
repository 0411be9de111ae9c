#include "demo_data.hpp"

namespace zc::app {

DemoSummary loadDemoData(db::Connection&, const AppConfig&) { return {}; }

}  // namespace zc::app
