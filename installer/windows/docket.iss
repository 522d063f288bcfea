; Inno Setup script for Docket's Windows installer (Inno Setup 6; the windows-2022 runner
; has it). Built by .github/workflows/windows.yml after `python installer/build.py --no-deb`:
;   iscc /DAppVersion=0.1.0 installer\windows\docket.iss
; Not run on the project's own CI (Debian); see docs/packaging.md.
;
; Installs per user by default (no administrator needed; the first page offers all users),
; adds Docket to the Start menu, and registers an uninstaller. Uninstalling removes only
; what it installed: the member's record, backups and settings in %LOCALAPPDATA%\Docket
; are left where they are.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z docket.iss
#endif

[Setup]
AppId={{6B1C7E0A-3F2D-4C55-9A57-5E1D0C3B2A91}
AppName=Docket
AppVersion={#AppVersion}
AppVerName=Docket {#AppVersion}
AppPublisher=The Docket maintainers
DefaultDirName={autopf}\Docket
DefaultGroupName=Docket
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=docket-{#AppVersion}-setup
SetupIconFile=..\..\build\icons\docket.ico
UninstallDisplayIcon={app}\Docket.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; Signing is done by the workflow with signtool: the programs before this script runs,
; the setup program after (docs/packaging.md).

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "..\..\dist\docket\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\Docket"; Filename: "{app}\Docket.exe"; Comment: "Track a committee's meetings, decisions and the promises made to it"
Name: "{autodesktop}\Docket"; Filename: "{app}\Docket.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\Docket.exe"; Description: "{cm:LaunchProgram,Docket}"; Flags: nowait postinstall skipifsilent
