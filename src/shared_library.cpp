#include "shared_library.h"

#include <dlfcn.h>

namespace whlinst {

Result<SharedLibrary> SharedLibrary::open(const char* soname) {
  void* handle = ::dlopen(soname, RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr)
    return make_error("cannot load ", soname, " (", ::dlerror(), ")");
  return SharedLibrary(soname, handle);
}

Result<void*> SharedLibrary::symbol(const char* name) const {
  void* address = ::dlsym(handle_, name);
  if (address == nullptr)
    return make_error(soname_, " has no ", name);
  return address;
}

} // namespace whlinst
