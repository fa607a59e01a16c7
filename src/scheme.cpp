#include "scheme.h"

#include "paths.h"
#include "text.h"

namespace whlinst {

namespace {
constexpr std::string_view kPrefixPlaceholder = "/@WHLINST_PREFIX@";
constexpr std::string_view kDistPlaceholder = "@WHLINST_DIST@";

std::string replace_all(std::string text, std::string_view from, std::string_view to) {
  for (size_t pos = text.find(from); pos != std::string::npos; pos = text.find(from, pos + to.size()))
    text.replace(pos, from.size(), to);
  return text;
}

Result<std::string> expand(const std::string& path_template, const SchemeRequest& request) {
  std::string path = replace_all(path_template, kDistPlaceholder, request.dist_name);
  if (!request.prefix)
    return normalize_path(path);
  if (!starts_with(path, kPrefixPlaceholder))
    return make_error("the interpreter's scheme path ", path_template, " is not under its prefix");
  return normalize_path(*request.prefix + path.substr(kPrefixPlaceholder.size()));
}
} // namespace

std::optional<SchemeKey> scheme_key_named(std::string_view category) {
  if (category == "purelib") return SchemeKey::purelib;
  if (category == "platlib") return SchemeKey::platlib;
  if (category == "headers") return SchemeKey::headers;
  if (category == "scripts") return SchemeKey::scripts;
  if (category == "data") return SchemeKey::data;
  return std::nullopt;
}

const std::string& Scheme::directory(SchemeKey key) const {
  switch (key) {
  case SchemeKey::purelib: return purelib;
  case SchemeKey::platlib: return platlib;
  case SchemeKey::headers: return headers;
  case SchemeKey::scripts: return scripts;
  case SchemeKey::data: return data;
  }
  return data;
}

DiskPath Scheme::on_disk(std::string_view final_path) const {
  return DiskPath(reroot_path(root, final_path));
}

std::string Scheme::owning_directory(std::string_view final_path) const {
  std::string best = "/";
  for (const std::string& directory : {purelib, platlib, scripts, data, parent_path(headers)})
    if (starts_with(final_path, directory + "/") && directory.size() > best.size())
      best = directory;
  return best;
}

Result<Scheme> make_scheme(const Interpreter& interpreter, const SchemeRequest& request) {
  if (request.kind != SchemeKind::standard && !request.prefix)
    return make_error("the user scheme and --target need a base directory");
  if (request.kind == SchemeKind::user && interpreter.in_venv)
    return make_error("cannot install with --user: user site-packages are not visible in the virtual "
                      "environment of ", interpreter.path);
  const SchemeTemplate& templates = request.kind == SchemeKind::user     ? interpreter.user_scheme
                                    : request.kind == SchemeKind::target ? interpreter.home_scheme
                                    : request.prefix                     ? interpreter.prefix_scheme
                                                                         : interpreter.default_scheme;
  if (templates.purelib.empty())
    return make_error("the interpreter described no ",
                      request.kind == SchemeKind::user ? "user" : "--target", " scheme");
  Scheme scheme;
  scheme.root = request.root;
  auto assign = [&](std::string& target, const std::string& path_template) -> Status {
    TRY_ASSIGN(path, expand(path_template, request));
    target = std::move(path);
    return {};
  };
  TRY(assign(scheme.purelib, templates.purelib));
  TRY(assign(scheme.platlib, templates.platlib));
  TRY(assign(scheme.headers, templates.headers));
  TRY(assign(scheme.scripts, templates.scripts));
  TRY(assign(scheme.data, templates.data));
  if (request.kind == SchemeKind::target)
    scheme.purelib = scheme.platlib = normalize_path(*request.prefix);
  return scheme;
}

void apply_overrides(Scheme& scheme, const SchemeOverrides& overrides) {
  if (overrides.purelib) scheme.purelib = *overrides.purelib;
  if (overrides.platlib) scheme.platlib = *overrides.platlib;
  if (overrides.headers) scheme.headers = *overrides.headers;
  if (overrides.scripts) scheme.scripts = *overrides.scripts;
  if (overrides.data) scheme.data = *overrides.data;
}

} // namespace whlinst
