#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>
#include <spdlog/spdlog.h>

int main(int argc, char** argv) {
  // Tests provoke errors on purpose; keep their log lines out of the test report.
  spdlog::set_level(spdlog::level::critical);
  doctest::Context context(argc, argv);
  return context.run();
}
