// The doctest binary's entry point; every test_*.cpp beside it registers its cases.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
