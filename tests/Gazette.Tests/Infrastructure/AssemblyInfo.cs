// The suite runs on Linux (CI is Debian): file modes, signals and Debian's chromium are part of what it checks.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
