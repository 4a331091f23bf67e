// Entry point of mockroom_integration_tests. The cases start the real `mockroom` binary
// (MOCKROOM_BINARY) through the harness in harness.h.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
