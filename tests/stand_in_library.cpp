// A shared library that defines nothing: tests/test_lazy_libraries.py puts
// copies of it under the sonames whlinst loads when first needed, to show
// what a run does when such a library cannot be used.
