package org.ucsec.node.phonesecurity;

import com.fasterxml.jackson.core.type.TypeReference;
import org.ucsec.node.phonesecurity.PhoneSecurityService.Device;
import org.ucsec.node.phonesecurity.PhoneSecurityService.DeviceChange;
import org.ucsec.node.phonesecurity.PhoneSecurityService.Profile;
import org.ucsec.node.phonesecurity.PhoneSecurityService.ProfileChange;
import org.ucsec.node.platform.Change;
import org.ucsec.node.platform.cli.CliTree;
import org.ucsec.node.platform.cli.ClientCommand;
import org.ucsec.node.platform.cli.NodeClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.List;

/** {@code show phone-security profiles|devices}, {@code set phone-security profile|device ...}. */
final class PhoneSecurityCommands {
    private PhoneSecurityCommands() {}

    static void attach(CliTree cli) {
        cli.add(new ShowProfiles(), "show", "phone-security").add(new ShowDevices(), "show", "phone-security");
        cli.add(new SetProfile(), "set", "phone-security").add(new SetDevice(), "set", "phone-security");
    }

    static void printProfile(PrintWriter out, Profile p) {
        out.println(p.name() + (p.description() != null ? " - " + p.description() : ""));
        out.println("  device security mode: " + p.securityMode() + ", transport: " + p.transport());
        out.println("  OAuth authentication: " + onOff(p.oauthAuthentication()) + ", digest authentication: " + onOff(p.digestAuthentication())
                + ", TFTP encrypted config: " + onOff(p.tftpEncryptedConfig()));
        if (!p.devices().isEmpty()) out.println("  devices: " + String.join(", ", p.devices()));
    }

    static void printDevice(PrintWriter out, Device d) {
        out.println(d.name() + (d.description() != null ? " - " + d.description() : "") + ": profile " + d.profile() + ", activation code via MRA "
                + onOff(d.allowActivationCodeViaMra()) + (d.mraServiceDomain() != null ? ", MRA service domain " + d.mraServiceDomain() : ""));
    }

    private static String onOff(boolean b) { return b ? "on" : "off"; }

    @Command(name = "profiles", mixinStandardHelpOptions = true, description = "Phone security profiles (O8).")
    static final class ShowProfiles extends ClientCommand {
        @Override public Integer call() {
            return show("/api/v1/phone-security/profiles", new TypeReference<List<Profile>>() {}, (out, a) -> a.forEach(p -> printProfile(out, p)));
        }
    }

    @Command(name = "devices", mixinStandardHelpOptions = true, description = "Devices registering with OAuth and their MRA settings (O9).")
    static final class ShowDevices extends ClientCommand {
        @Override public Integer call() {
            return show("/api/v1/phone-security/devices", new TypeReference<List<Device>>() {}, (out, a) -> a.forEach(d -> printDevice(out, d)));
        }
    }

    @Command(name = "profile", mixinStandardHelpOptions = true, description = "Create, change or delete a phone security profile (O8).")
    static final class SetProfile extends ClientCommand {
        @Parameters(index = "0", description = "profile name") String name;
        @Option(names = "--delete", description = "delete the profile") boolean delete;
        @Option(names = "--description") String description;
        @Option(names = "--security-mode", description = "Non Secure | Authenticated | Encrypted") String mode;
        @Option(names = "--transport", description = "TCP | UDP | TLS | TCP+UDP") String transport;
        @Option(names = "--oauth", arity = "1", description = "Enable OAuth authentication: true | false (needs TLS and a secure mode)") Boolean oauth;
        @Option(names = "--digest-auth", arity = "1", description = "Enable digest authentication: true | false") Boolean digest;
        @Option(names = "--tftp-encrypted", arity = "1", description = "TFTP encrypted config: true | false") Boolean tftp;

        @Override public Integer call() {
            TypeReference<Change<Profile>> t = new TypeReference<>() {};
            String path = "/api/v1/phone-security/profiles/" + NodeClient.enc(name);
            if (delete) return printed(client().delete(path, t), (out, p) -> out.println("deleted " + p.name()));
            return printed(client().put(path, new ProfileChange(description, mode, transport, oauth, digest, tftp), t), PhoneSecurityCommands::printProfile);
        }
    }

    @Command(name = "device", mixinStandardHelpOptions = true, description = "Add, change or delete an OAuth device and its MRA settings (O9).")
    static final class SetDevice extends ClientCommand {
        @Parameters(index = "0", description = "device name (e.g. SEP001122334455)") String name;
        @Option(names = "--delete", description = "delete the device") boolean delete;
        @Option(names = "--description") String description;
        @Option(names = "--profile", description = "an OAuth-enabled phone security profile") String profile;
        @Option(names = "--mra-activation-code", arity = "1", description = "Allow Activation Code via MRA: true | false") Boolean mra;
        @Option(names = "--mra-service-domain", description = "Activation Code MRA Service Domain") String domain;

        @Override public Integer call() {
            TypeReference<Change<Device>> t = new TypeReference<>() {};
            String path = "/api/v1/phone-security/devices/" + NodeClient.enc(name);
            if (delete) return printed(client().delete(path, t), (out, d) -> out.println("deleted " + d.name()));
            return printed(client().put(path, new DeviceChange(description, profile, mra, domain), t), PhoneSecurityCommands::printDevice);
        }
    }
}
