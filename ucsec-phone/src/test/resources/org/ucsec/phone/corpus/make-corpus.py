#!/usr/bin/env python3
"""Writes the realistic cfg.xml corpus CfgLintCorpusTest reads (run once; the output is committed).

The files imitate what real Cisco MPP / SPA provisioning files look like: a phone's own export (several hundred
parameters, "options" comments after enumerated ones, ua attributes), an SPA-era file with a default namespace and
old suffix forms, a <device> wrapper, and template files from PBX provisioning systems."""
import random
random.seed(3)

YN = "Yes/No"
def esc(v):
    return v.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

def opt(name, ua, value, options=None):
    value = esc(value)
    s = '<%s ua="%s">%s</%s>' % (name, ua, value, name) if value != "" else '<%s ua="%s"/>' % (name, ua)
    return s + (" <!-- options: %s -->" % options if options else "")

system = [
    ("Restricted_Access_Domains", "na", "example.com, example.net", None),
    ("Enable_Web_Server", "na", "Yes", YN), ("Enable_Protocol", "na", "Http", "Http/Https"),
    ("Enable_Direct_Action_Url", "na", "Yes", YN), ("Session_Max_Timeout", "na", "3600", None),
    ("Session_Idle_Timeout", "na", "3600", None), ("Web_Server_Port", "na", "80", None),
    ("Enable_Web_Admin_Access", "na", "Yes", YN), ("Admin_Password", "na", "", None), ("User_Password", "rw", "", None),
    ("Phone-UI-readonly", "na", "No", YN), ("Phone-UI-User-Mode", "na", "No", YN), ("User_Password_Prompt", "na", "Yes", YN),
    ("Block_Nonproxy_SIP", "na", "No", YN), ("Connection_Type", "rw", "DHCP", "DHCP/Static IP"),
    ("Static_IP", "rw", "", None), ("NetMask", "rw", "", None), ("Gateway", "rw", "", None),
    ("Primary_DNS", "rw", "10.89.68.150", None), ("Secondary_DNS", "rw", "", None),
    ("DNS_Server_Order", "na", "Manual,DHCP", "Manual/Manual,DHCP/DHCP,Manual"), ("DNS_Query_Mode", "na", "Parallel", "Parallel/Sequential"),
    ("DNS_Caching_Enable", "na", "Yes", YN), ("Switch_Port_Config", "na", "AUTO", "AUTO/10 HALF/10 FULL/100 HALF/100 FULL/1000 FULL"),
    ("PC_Port_Config", "na", "AUTO", None), ("PC_PORT_Enable", "na", "Yes", YN), ("Enable_PC_Port_Mirror", "na", "No", YN),
    ("Syslog_Server", "na", "", None), ("Syslog_Identifier", "na", "None", "None/$MA/$MAU/$MAC/$SN"), ("Debug_Level", "na", "NOTICE", None),
    ("Primary_NTP_Server", "rw", "ntp.example.com", None), ("Secondary_NTP_Server", "rw", "", None),
    ("Enable_SSLv3", "na", "No", YN), ("Use_Config_TOS", "na", "No", YN),
    ("Enable_VLAN", "rw", "No", YN), ("VLAN_ID", "rw", "1", None), ("PC_Port_VLAN_Highest_Priority", "na", "No Limit", None),
    ("Enable_PC_Port_VLAN_Tagging", "na", "No", YN), ("PC_Port_VLAN_ID", "na", "1", None), ("Enable_CDP", "na", "Yes", YN),
    ("Enable_LLDP-MED", "na", "Yes", YN), ("Network_Startup_Delay", "na", "3", None), ("DHCP_VLAN_Option", "na", "", None),
    ("Enable_802.1X_Authentication", "rw", "No", YN),
    ("Firewall", "na", "Enabled", "Disabled/Enabled"), ("Firewall_Config", "na", "NO_ICMP_PING,TCP:12000,UDP:8000:8010", None),
    ("TLS_Cipher_List", "na", "RSA:!aNULL:!eNULL", None),
    ("Proxy_Mode", "rw", "Manual", "Auto/Manual/Off"), ("Use_Auto_Discovery__WPAD_", "rw", "Yes", YN), ("PAC_URL", "rw", "", None),
    ("Proxy_Host", "rw", "proxy.example.com", None), ("Proxy_Port", "rw", "3128", None),
    ("Proxy_Server_Requires_Authentication", "rw", "Yes", YN), ("Proxy_Username", "rw", "phoneproxy", None), ("Proxy_Password", "rw", "S3cr&t<pw>", None),
    ("VPN_Server", "rw", "vpn.example.com", None), ("VPN_User_Name", "rw", "vpnuser", None), ("VPN_Password", "rw", "vpnpass", None),
    ("VPN_Tunnel_Group", "rw", "", None), ("Connect_on_Bootup", "rw", "No", YN), ("Enable_VPN_Connection", "rw", "No", YN),
]
provisioning = [
    ("Provision_Enable", "na", "Yes", YN), ("Resync_On_Reset", "na", "Yes", YN), ("Resync_Random_Delay", "na", "2", None),
    ("Resync_At__HHmm_", "na", "", None), ("Resync_At_Random_Delay", "na", "600", None), ("Resync_Periodic", "na", "3600", None),
    ("Resync_Error_Retry_Delay", "na", "3600", None), ("Forced_Resync_Delay", "na", "14400", None), ("Resync_From_SIP", "na", "Yes", YN),
    ("Resync_After_Upgrade_Attempt", "na", "Yes", YN), ("Resync_Trigger_1", "na", "", None), ("Resync_Trigger_2", "na", "", None),
    ("User_Configurable_Resync", "na", "Yes", YN), ("Resync_Fails_On_FNF", "na", "Yes", YN),
    ("Profile_Authentication_Type", "na", "Basic Http Authentication", None),
    ("Profile_Rule", "na", "https://prov.example.com/cfg/$PSN.xml", None), ("Profile_Rule_B", "na", "", None),
    ("Profile_Rule_C", "na", "", None), ("Profile_Rule_D", "na", "", None),
    ("DHCP_Option_To_Use", "na", "66,160,159,150,60,43,125", None), ("DHCPv6_Option_To_Use", "na", "17,160,159", None),
    ("Log_Request_Msg", "na", "$PN $MAC -- Requesting resync $SCHEME://$SERVIP:$PORT$PATH", None),
    ("Log_Success_Msg", "na", "$PN $MAC -- Successful resync $SCHEME://$SERVIP:$PORT$PATH", None),
    ("Log_Failure_Msg", "na", "$PN $MAC -- Resync failed: $ERR", None), ("Report_Rule", "na", "[--key $B] https://prov.example.com/report/$MA.xml", None),
    ("HTTP_Report_Method", "na", "POST", "PUT/POST"), ("Report_To_Server", "na", "On Request", None), ("Periodic_Upload_To_Server", "na", "Every Day", None),
    ("Upload_Delay_On_Local_Change", "na", "60", None), ("Upgrade_Enable", "na", "Yes", YN), ("Upgrade_Error_Retry_Delay", "na", "3600", None),
    ("Upgrade_Rule", "na", "http://fw.example.com/firmware/sip88xx.11-3-7MPP0001-272.loads", None), ("Log_Upgrade_Request_Msg", "na", "$PN $MAC -- Requesting upgrade $SCHEME://$SERVIP:$PORT$PATH", None),
    ("Peer_Firmware_Sharing", "na", "Yes", YN), ("Peer_Firmware_Sharing_Log_Server", "na", "", None),
    ("Cisco_Headset_Upgrade_Rule", "na", "", None), ("Custom_CA_Rule", "na", "https://prov.example.com/ca/custom-ca.pem", None),
    ("GPP_A", "na", "", None), ("GPP_B", "na", "", None), ("GPP_C", "na", "", None), ("GPP_D", "na", "", None),
    ("Enable_TR-069", "na", "No", YN), ("ACS_URL", "na", "", None), ("ACS_Username", "na", "", None), ("Connection_Request_Username", "na", "", None),
]
sip = [
    ("Max_Forward", "na", "70", None), ("Max_Redirection", "na", "5", None), ("Max_Auth", "na", "2", None), ("SIP_User_Agent_Name", "na", "$VERSION", None),
    ("SIP_Server_Name", "na", "$VERSION", None), ("SIP_Reg_User_Agent_Name", "na", "", None), ("SIP_Accept_Language", "na", "", None),
    ("DTMF_Relay_MIME_Type", "na", "application/dtmf-relay", None), ("Hook_Flash_MIME_Type", "na", "application/hook-flash", None),
    ("Remove_Last_Reg", "na", "No", YN), ("Use_Compact_Header", "na", "No", YN), ("Escape_Display_Name", "na", "No", YN),
    ("Talk_Package", "na", "No", YN), ("Hold_Package", "na", "No", YN), ("Conference_Package", "na", "No", YN),
    ("RFC_2543_Call_Hold", "na", "Yes", YN), ("Random_REG_CID_On_Reboot", "na", "No", YN), ("SIP_TCP_Port_Min", "na", "5060", None),
    ("SIP_TCP_Port_Max", "na", "5080", None), ("Caller_ID_Header", "na", "PAID-RPID-FROM", None), ("Hold_Target_Before_Refer", "na", "No", YN),
    ("Dialog_SDP_Enable", "na", "No", YN), ("Keep_Referee_When_Refer_Failed", "na", "No", YN), ("Display_Diversion_Info", "na", "No", YN),
    ("Display_Anonymous_From_Header", "na", "No", YN), ("Sip_Accept_Encoding", "na", "none", None), ("SIP_IP_Preference", "na", "IPv4", None),
    ("Disable_Local_Name_To_Header", "na", "No", YN), ("SIP_T1", "na", ".5", None), ("SIP_T2", "na", "4", None), ("SIP_T4", "na", "5", None),
    ("SIP_Timer_B", "na", "16", None), ("SIP_Timer_F", "na", "16", None), ("SIP_Timer_H", "na", "16", None), ("SIP_Timer_D", "na", "16", None),
    ("SIP_Timer_J", "na", "16", None), ("INVITE_Expires", "na", "240", None), ("ReINVITE_Expires", "na", "30", None),
    ("Reg_Min_Expires", "na", "1", None), ("Reg_Max_Expires", "na", "7200", None), ("Reg_Retry_Intvl", "na", "30", None),
    ("Reg_Retry_Long_Intvl", "na", "1200", None), ("Reg_Retry_Random_Delay", "na", "0", None), ("Sub_Min_Expires", "na", "10", None),
    ("RTP_Port_Min", "na", "16384", None), ("RTP_Port_Max", "na", "16482", None), ("RTP_Packet_Size", "na", "0.02", None),
    ("Max_RTP_ICMP_Err", "na", "0", None), ("RTCP_Tx_Interval", "na", "0", None), ("SDP_IP_Preference", "na", "IPv4", None),
    ("AVT_Dynamic_Payload", "na", "101", None), ("INFOREQ_Dynamic_Payload", "na", "", None), ("H264_BP0_Dynamic_Payload", "na", "110", None),
    ("OPUS_Dynamic_Payload", "na", "99", None), ("AVT_Codec_Name", "na", "telephone-event", None), ("G711u_Codec_Name", "na", "PCMU", None),
    ("G711a_Codec_Name", "na", "PCMA", None), ("G729a_Codec_Name", "na", "G729a", None), ("G722_Codec_Name", "na", "G722", None),
    ("Handle_VIA_received", "na", "No", YN), ("Handle_VIA_rport", "na", "No", YN), ("Insert_VIA_received", "na", "No", YN),
    ("Substitute_VIA_Addr", "na", "No", YN), ("STUN_Enable", "na", "No", YN), ("STUN_Server", "na", "", None), ("EXT_IP", "na", "", None),
    ("Linksys_Key_System", "na", "No", YN), ("Multicast_Address", "na", "", None),
]
regional = [("Dial_Tone", "na", "350@-19,440@-19;10(*/0/1+2)", None), ("Busy_Tone", "na", "480@-19,620@-19;10(.5/.5/1+2)", None),
            ("Ring_Back_Tone", "na", "440@-19,480@-19;*(2/4/1+2)", None), ("Time_Zone", "na", "GMT-08:00", None),
            ("Time_Format", "na", "12hr", "12hr/24hr"), ("Date_Format", "na", "month/day", None), ("Language_Selection", "na", "English-US", None),
            ("Locale", "na", "en-US", None), ("Daylight_Saving_Time_Rule", "na", "start=3/-1/7/2;end=10/-1/7/2;save=1", None),
            ("Daylight_Saving_Time_Enable", "na", "Yes", YN)]
per_line = [
    ("Line_Enable", "Yes", YN), ("Share_Ext", "No", YN), ("Shared_User_ID", "", None), ("Subscription_Expires", "3600", None),
    ("Restrict_MWI", "No", YN), ("NAT_Mapping_Enable", "No", YN), ("NAT_Keep_Alive_Enable", "No", YN), ("NAT_Keep_Alive_Msg", "$NOTIFY", None),
    ("NAT_Keep_Alive_Dest", "$PROXY", None), ("SIP_TOS_DiffServ_Value", "0x68", None), ("SIP_CoS_Value", "3", None),
    ("RTP_TOS_DiffServ_Value", "0xb8", None), ("RTP_CoS_Value", "6", None), ("Network_Jitter_Level", "high", None),
    ("Jitter_Buffer_Adjustment", "enable", None), ("SIP_Transport", None, "UDP/TCP/TLS/AUTO"), ("SIP_Port", None, None),
    ("SIP_100REL_Enable", "No", YN), ("EXT_SIP_Port", "0", None), ("Auth_Resync-Reboot", "Yes", YN), ("SIP_Proxy-Require", "", None),
    ("SIP_Remote-Party-ID", "No", YN), ("Referor_Bye_Delay", "4", None), ("Refer-To_Target_Contact", "No", YN),
    ("Referee_Bye_Delay", "0", None), ("Refer_Target_Bye_Delay", "0", None), ("Sticky_183", "No", YN), ("Auth_INVITE", "No", YN),
    ("Ntfy_Refer_On_1xx-To-Inv", "Yes", YN), ("Set_G729_annexb", "yes", None), ("Voice_Quality_Report_Address", "", None),
    ("User_Equal_Phone", "No", YN), ("Call_Recording_Protocol", "SIPREC", None), ("Privacy_Header", "Disabled", None),
    ("P-Early-Media_Support", "No", YN), ("Proxy", None, None), ("Outbound_Proxy", "", None), ("Alternate_Proxy", "", None),
    ("Use_OB_Proxy_In_Dialog", "Yes", YN), ("Register", "Yes", YN), ("Make_Call_Without_Reg", "No", YN), ("Register_Expires", "3600", None),
    ("Ans_Call_Without_Reg", "No", YN), ("Use_DNS_SRV", "No", YN), ("DNS_SRV_Auto_Prefix", "Yes", YN), ("Proxy_Fallback_Intvl", "3600", None),
    ("Proxy_Redundancy_Method", "Normal", None), ("Dual_Registration", "No", YN), ("TLS_Name_Validate", "Yes", YN),
    ("Display_Name", None, None), ("User_ID", None, None), ("Password", None, None), ("Auth_ID", "", None), ("SIP_URI", "", None),
    ("Preferred_Codec", "G711u", None), ("Use_Pref_Codec_Only", "No", YN), ("Second_Preferred_Codec", "Unspecified", None),
    ("G711u_Enable", "Yes", YN), ("G711a_Enable", "Yes", YN), ("G729a_Enable", "Yes", YN), ("G722_Enable", "Yes", YN),
    ("OPUS_Enable", "Yes", YN), ("DTMF_Tx_Method", "Auto", None), ("Codec_Negotiation", "Default", None), ("Encryption_Method", "AES 128", None),
    ("Dial_Plan", "(*xx|[3469]11|0|00|[2-9]xxxxxx|1xxx[2-9]xxxxxxS0|xxxxxxxxxxxx.)", None), ("Caller_ID_Map", "", None),
    ("Enable_URI_Dialing", "No", YN), ("Emergency_Number", "", None), ("MediaSec_Request", None, YN), ("MediaSec_Over_TLS_Only", None, YN),
]

def export(path, lines=10, root_open="<flat-profile>", root_close="</flat-profile>", decl='<?xml version="1.0" encoding="UTF-8"?>'):
    out = [decl] if decl else []
    out.append(root_open)
    for title, sect in (("System Configuration", system), ("Provisioning", provisioning), ("SIP Parameters", sip), ("Regional", regional)):
        out.append("<!-- %s -->" % title)
        for n, ua, v, o in sect:
            out.append(opt(n, ua, v, o))
    for line in range(1, lines + 1):
        out.append("<!-- Ext %d -->" % line)
        for n, v, o in per_line:
            if v is None:
                v = {"SIP_Transport": "TLS" if line == 1 else "UDP", "SIP_Port": str(5059 + line), "Proxy": "sip.example.com" if line <= 4 else "",
                     "Display_Name": "Ext 10%02d" % line if line <= 4 else "", "User_ID": "10%02d" % line if line <= 4 else "",
                     "Password": "pw-%d&x" % line if line <= 4 else "", "MediaSec_Request": "Yes" if line == 1 else "No",
                     "MediaSec_Over_TLS_Only": "Yes" if line == 1 else "No"}[n]
            out.append(opt("%s_%d_" % (n, line), "na", v, o))
    for k in range(1, 11):
        out.append(opt("Line_Key_%d_" % k if False else "Extension_%d_" % k, "na", str(k) if k <= 4 else "Disabled", None))
        out.append(opt("Short_Name_%d_" % k, "na", "$USER" if k <= 4 else "", None))
        out.append(opt("Extended_Function_%d_" % k, "na", "", None))
    out.append(root_close)
    open(path, "w", encoding="utf-8").write("\n".join(out) + "\n")

export("mpp-8841-export.xml")
export("device-wrapper.xml", lines=2, root_open='<device>\n<deviceProtocol>SIP</deviceProtocol>\n<flat-profile>', root_close="</flat-profile>\n</device>",
       decl='<?xml version="1.0" encoding="utf-8" standalone="yes"?>')
