#pragma once
// Shared libraries loaded when a run first needs them (dlopen), not at
// every process start: libzip serves only archives that are not plain zip
// files and entries neither stored, deflated nor compressed with bzip2,
// libbz2 (when it has no static archive to link) only bzip2 entries.
// Loading libzip.so (and with it libcrypto.so) costs a small install about
// 4 ms (bench/RESULTS-fixed-cost.md).
//
// A library's functions are listed once, as FUNCTIONS(X) applying X to
// each name; its table holds one pointer per name, typed by the library's
// own declaration. Two builds of a table exist, picked by meson.build:
// *_loaded.cpp finds the functions in the shared library named by a
// WHLINST_*_SONAME macro, *_linked.cpp takes the addresses of the linked
// ones (a library built from subprojects/, or -Dstatic_runtime=false).

#include "result.h"

#include <stdexcept>
#include <string>

namespace whlinst {

// A loaded library, for the rest of the process: never unloaded, since the
// tables made from it are kept until exit.
class SharedLibrary {
public:
  // Loads `soname` with its dependencies, symbols bound now and kept local
  // to it. Error: "cannot load SONAME (the loader's reason)".
  static Result<SharedLibrary> open(const char* soname);

  // Sets `function` to the library's `name`. Error: "SONAME has no NAME".
  template <typename Function> Status find(const char* name, Function*& function) const {
    TRY_ASSIGN(address, symbol(name));
    function = reinterpret_cast<Function*>(address);
    return {};
  }

private:
  SharedLibrary(std::string soname, void* handle) : soname_(std::move(soname)), handle_(handle) {}
  Result<void*> symbol(const char* name) const;

  std::string soname_;
  void* handle_;
};

// The functions of a library, found once per process by Table::find() (the
// first call, thread-safe) and kept: the same table or error every call.
template <typename Table> class LibraryFunctions {
public:
  static Result<const Table*> load() {
    const Result<Table>& table = found();
    if (!table)
      return Error{table.error()};
    return &*table;
  }
  // The table, once load() succeeded; calling it otherwise is a bug.
  static const Table& loaded() {
    const Result<Table>& table = found();
    if (!table)
      throw std::logic_error("a library's functions were used although it could not be loaded");
    return *table;
  }

private:
  static const Result<Table>& found() {
    static const Result<Table> table = Table::find();
    return table;
  }
};

} // namespace whlinst

// Declares one member per function of a FUNCTIONS(X) list.
#define WHLINST_FUNCTION_MEMBER(name) decltype(&::name) name = nullptr;

// Defines Table::find(): every function of FUNCTIONS found in the shared
// library SONAME (a *_loaded.cpp), or taken from the linked library (a
// *_linked.cpp).
#define WHLINST_FUNCTION_FOUND(name) TRY(library.find(#name, table.name));
#define WHLINST_LOADED_FUNCTIONS(Table, FUNCTIONS, SONAME)                                                            \
  Result<Table> Table::find() {                                                                                        \
    TRY_ASSIGN(library, SharedLibrary::open(SONAME));                                                                 \
    Table table;                                                                                                       \
    FUNCTIONS(WHLINST_FUNCTION_FOUND)                                                                                  \
    return table;                                                                                                      \
  }
#define WHLINST_FUNCTION_LINKED(name) table.name = &::name;
#define WHLINST_LINKED_FUNCTIONS(Table, FUNCTIONS)                                                                     \
  Result<Table> Table::find() {                                                                                        \
    Table table;                                                                                                       \
    FUNCTIONS(WHLINST_FUNCTION_LINKED)                                                                                 \
    return table;                                                                                                      \
  }
