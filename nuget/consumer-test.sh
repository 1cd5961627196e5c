#!/usr/bin/env bash
# Proves the package from the outside: packs src/CallbackControls with a version no cache has seen,
# puts it in a local folder feed, and builds a fresh Web Forms site that gets the library only through
# a PackageReference to that feed (never the repository's own build output).
#
#   bash nuget/consumer-test.sh [WORK_DIR]
#
# The site is an SDK-style project set up as the README's "Packing and consuming" section says:
# OutputPath bin\ with no target framework folder (pages find their code-behind types in bin/), and
# code-behind that declares its control fields itself (SDK-style projects get no .designer.cs). Beside
# it, a strong-named class library references the package, as a signed library of a user's solution
# would (a signed assembly cannot reference an unsigned one).
#
# WORK_DIR (default: a new temporary folder) receives feed/ (the .nupkg and .snupkg), packages/ (the
# consumers' own NuGet cache), site/ (the consumer site, ready for the dev host) and signed/ (the
# library). The last lines of standard output are key=value pairs for tests/browser/package.test.js:
# version, package, site, signed.
# Nothing is removed afterwards: the caller owns WORK_DIR.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="${1:-$(mktemp -d "${TMPDIR:-/tmp}/cc-consumer.XXXXXX")}"
FEED="$WORK/feed"
SITE="$WORK/site"
SIGNED="$WORK/signed"
# A unique prerelease version: the global packages folder caches by version, so a reused one would
# serve an old build without saying so.
VERSION="0.1.0-local.$(date -u +%Y%m%d%H%M%S).$$"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { printf '==> %s\n' "$*" >&2; }

dotnet_retrying() {
  # Other builds share this machine; a file held open by one of them fails a copy now and then.
  local attempt out
  for attempt in 1 2 3 4; do
    if out="$(dotnet "$@" 2>&1)"; then return 0; fi
    if ! grep -qE 'MSB3021|MSB3026|MSB3027|being used by another process|cannot access the file' <<<"$out" || [ "$attempt" -eq 4 ]; then
      printf '%s\n' "$out" >&2
      return 1
    fi
    log "file in use, retrying in $((attempt * 5)) s"
    sleep $((attempt * 5))
  done
}

mkdir -p "$FEED" "$SITE" "$SIGNED"
# Stops MSBuild's upward search for Directory.Build.props / Directory.Packages.props, so the site is
# built with nothing from this repository or whatever folder WORK_DIR sits in.
printf '<Project />\n' >"$WORK/Directory.Build.props"
printf '<Project />\n' >"$WORK/Directory.Build.targets"
printf '<Project />\n' >"$WORK/Directory.Packages.props"

log "packing CallbackControls $VERSION"
# Restore first without the version: the pack then leaves the library's restore output (shared with
# the Debug build) as it was. The version only changes the package, not the assembly.
dotnet_retrying restore "$ROOT/src/CallbackControls/CallbackControls.csproj" -nologo -v:q
dotnet_retrying pack "$ROOT/src/CallbackControls/CallbackControls.csproj" -c Release --no-restore -nologo -v:q \
  -o "$FEED" -p:PackageVersion="$VERSION"
PACKAGE="$FEED/CallbackControls.$VERSION.nupkg"
[ -f "$PACKAGE" ] || { echo "pack produced no $PACKAGE" >&2; exit 1; }


log "creating the consumer site in $SITE"
NUGET_CACHE="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
# In WORK, so both consumers (site/ and signed/) find it by NuGet's upward search.
cat >"$WORK/nuget.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <config>
    <!-- The site's own cache: a package restored here never lands in the machine's global folder. -->
    <add key="globalPackagesFolder" value="$WORK/packages" />
  </config>
  <fallbackPackageFolders>
    <!-- Other packages (the reference assemblies) are taken from the machine's cache when there. -->
    <add key="machine" value="$NUGET_CACHE" />
  </fallbackPackageFolders>
  <packageSources>
    <clear />
    <add key="local" value="$FEED" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
  </packageSources>
  <packageSourceMapping>
    <packageSource key="local">
      <package pattern="CallbackControls" />
    </packageSource>
    <packageSource key="nuget.org">
      <package pattern="*" />
    </packageSource>
  </packageSourceMapping>
</configuration>
EOF

cat >"$SITE/ConsumerSite.csproj" <<EOF
<Project Sdk="Microsoft.NET.Sdk">
  <!-- A Web Forms site as a developer would set one up in an SDK-style project: code-behind compiles
       into bin/, pages compile at run time, the library comes from the package. -->
  <PropertyGroup>
    <TargetFramework>net472</TargetFramework>
    <!-- ASP.NET loads code-behind types from bin/ only; the SDK's default bin/Debug/net472/ gives
         "Cannot find type" on every page. -->
    <OutputPath>bin\\</OutputPath>
    <AppendTargetFrameworkToOutputPath>false</AppendTargetFrameworkToOutputPath>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
    <RootNamespace>ConsumerSite</RootNamespace>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="CallbackControls" Version="$VERSION" />
    <PackageReference Include="Microsoft.NETFramework.ReferenceAssemblies" Version="1.0.3" PrivateAssets="all" />
    <Reference Include="System.Web" />
  </ItemGroup>
</Project>
EOF

cat >"$SITE/web.config" <<'EOF'
<?xml version="1.0"?>
<configuration>
  <system.web>
    <compilation debug="true" targetFramework="4.7.2" />
    <httpRuntime targetFramework="4.7.2" />
    <customErrors mode="Off" />
    <pages>
      <controls>
        <!-- The one line the README's "Installing" section asks of PackageReference projects. -->
        <add tagPrefix="cc" namespace="CallbackControls" assembly="CallbackControls" />
      </controls>
    </pages>
  </system.web>
</configuration>
EOF

CHART_LINK='<li><a href="Chart.aspx">Chart.aspx</a>: a chart that refreshes itself</li>'
cat >"$SITE/Default.aspx" <<EOF
<%@ Page Language="C#" EnableSessionState="False" %>
<!DOCTYPE html>
<html><head><title>Consumer site</title></head>
<body>
  <ul>
    <li><a href="Cascade.aspx">Cascade.aspx</a>: Country, then City</li>
    $CHART_LINK
  </ul>
  <p>Library: <output id="Library"><%: typeof(CallbackControls.CallbackControl).Assembly.FullName %></output></p>
</body></html>
EOF

# Two levels with their handlers in code-behind, and a postback that shows what the server accepted.
cat >"$SITE/Cascade.aspx" <<'EOF'
<%@ Page Language="C#" AutoEventWireup="true" CodeBehind="Cascade.aspx.cs" Inherits="ConsumerSite.Cascade" EnableSessionState="False" %>
<!DOCTYPE html>
<html><head runat="server"><title>Cascade</title></head>
<body>
  <form id="form1" runat="server">
    <cc:CascadingDropDown ID="Country" runat="server" PromptText="Choose a country" OnPopulate="Country_Populate" />
    <cc:CascadingDropDown ID="City" runat="server" ParentControlID="Country" PromptText="Choose a city" OnPopulate="City_Populate" />
    <asp:Button ID="Save" runat="server" Text="Save" OnClick="Save_Click" />
    <output id="Saved"><asp:Literal ID="Saved" runat="server" /></output>
  </form>
</body></html>
EOF

cat >"$SITE/Cascade.aspx.cs" <<'EOF'
using System;
using System.Collections.Generic;
using System.Web.UI;
using System.Web.UI.WebControls;
using CallbackControls;

namespace ConsumerSite
{
    public partial class Cascade : Page
    {
        // An SDK-style project has no designer file: the fields for the page's controls are declared
        // here, named as their IDs, and ASP.NET assigns them when it builds the page.
        protected CascadingDropDown Country;
        protected CascadingDropDown City;
        protected Button Save;
        protected Literal Saved;

        private static readonly Dictionary<string, string[]> Cities = new Dictionary<string, string[]>
        {
            ["fr"] = new[] { "Lyon", "Marseille", "Paris" },
            ["jp"] = new[] { "Osaka", "Tokyo" },
        };

        protected void Country_Populate(object sender, CascadingDropDownPopulateEventArgs e)
        {
            e.Items.Add(new ListItem("France", "fr"));
            e.Items.Add(new ListItem("Japan", "jp"));
        }

        protected void City_Populate(object sender, CascadingDropDownPopulateEventArgs e)
        {
            string[] names;
            if (!Cities.TryGetValue(e.ParentValue, out names)) return;
            foreach (var name in names) e.Items.Add(new ListItem(name, name.ToLowerInvariant()));
        }

        protected void Save_Click(object sender, EventArgs e)
        {
            Validate();
            Saved.Text = IsValid
                ? Server.HtmlEncode("Saved: " + (Country.SelectedItem?.Text ?? "-") + " / " + (City.SelectedItem?.Text ?? "-"))
                : "Rejected";
        }
    }
}
EOF

  # Handler inline, the other way page authors write Web Forms: compiled by ASP.NET at run time
  # against bin/CallbackControls.dll.
  cat >"$SITE/Chart.aspx" <<'EOF'
<%@ Page Language="C#" EnableSessionState="False" %>
<script runat="server">
    static int refreshes;

    protected void Page_Load(object sender, EventArgs e)
    {
        if (!IsCallback) Fill(0);
    }

    protected void Load_RefreshCallback(object sender, CallbackControls.CallbackEventArgs e)
    {
        Fill(System.Threading.Interlocked.Increment(ref refreshes));
    }

    void Fill(int n)
    {
        Load.Title = "Refresh " + n;
        var points = Load.Series["Requests"].Points;
        for (int i = 0; i < 20; i++) points.AddXY(i, 50 + 40 * Math.Sin((n + i) / 3.0));
    }
</script>
<!DOCTYPE html>
<html><head><title>Chart</title></head>
<body>
  <form id="form1" runat="server">
    <cc:RefreshingChart ID="Load" runat="server" RefreshFrequency="400" OnRefreshCallback="Load_RefreshCallback">
      <Series>
        <cc:ChartSeries Name="Requests" ChartType="Line" />
      </Series>
    </cc:RefreshingChart>
  </form>
</body></html>
EOF

log "building the consumer site"
dotnet_retrying build "$SITE/ConsumerSite.csproj" -nologo -v:q -clp:ErrorsOnly

# The site must run on the assembly restored from the package (the test also compares it with the
# .nupkg itself), not on anything from the repository.
RESTORED="$WORK/packages/callbackcontrols/$VERSION/lib/net472/CallbackControls.dll"
cmp -s "$RESTORED" "$SITE/bin/CallbackControls.dll" \
  || { echo "bin/CallbackControls.dll is not the one restored from $PACKAGE" >&2; exit 1; }
[ -f "$SITE/bin/ConsumerSite.dll" ] || { echo "the site's code-behind did not build" >&2; exit 1; }

log "building a strong-named class library that references the package"
command -v sn >/dev/null || { echo "sn (mono-devel) is needed to make the library's key pair" >&2; exit 1; }
sn -q -k "$SIGNED/Signed.snk" >/dev/null
cat >"$SIGNED/SignedLibrary.csproj" <<EOF
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net472</TargetFramework>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
    <SignAssembly>true</SignAssembly>
    <AssemblyOriginatorKeyFile>Signed.snk</AssemblyOriginatorKeyFile>
    <!-- A reference to an assembly without a strong name is warning CS8002 here: it fails the build. -->
    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="CallbackControls" Version="$VERSION" />
    <PackageReference Include="Microsoft.NETFramework.ReferenceAssemblies" Version="1.0.3" PrivateAssets="all" />
    <Reference Include="System.Web" />
  </ItemGroup>
</Project>
EOF
cat >"$SIGNED/CountryList.cs" <<'EOF'
using CallbackControls;

namespace SignedLibrary
{
    /// <summary>A control a signed library builds on the package's controls.</summary>
    public class CountryList : CascadingDropDown
    {
        public CountryList() { PromptText = "Choose a country"; }
    }
}
EOF
dotnet_retrying build "$SIGNED/SignedLibrary.csproj" -nologo -v:q -clp:ErrorsOnly
SIGNED_DLL="$SIGNED/bin/Debug/net472/SignedLibrary.dll"
[ -f "$SIGNED_DLL" ] || { echo "the signed library did not build" >&2; exit 1; }

log "consumer site ready: $SITE"
echo "version=$VERSION"
echo "package=$PACKAGE"
echo "site=$SITE"
echo "signed=$SIGNED_DLL"
