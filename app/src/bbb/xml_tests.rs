//! Real-shaped answers of every call Quorum makes, including FAILED and empty ones.
use super::error::BbbError;
use super::xml::*;

#[test]
fn create_success_and_duplicate_warning() {
    let body = "<response><returncode>SUCCESS</returncode><meetingID>abc-def</meetingID>\
        <internalMeetingID>183f0bf3a0982a127bdb8161e0c44eb696b3e75c-1531240585189</internalMeetingID>\
        <parentMeetingID>bbb-none</parentMeetingID><attendeePW>x</attendeePW><moderatorPW>y</moderatorPW>\
        <createTime>1531240585189</createTime><voiceBridge>70066</voiceBridge><dialNumber>613-555-1234</dialNumber>\
        <createDate>Tue Jul 10 16:36:25 UTC 2018</createDate><hasUserJoined>false</hasUserJoined><duration>0</duration>\
        <hasBeenForciblyEnded>false</hasBeenForciblyEnded><messageKey>duplicateWarning</messageKey>\
        <message>This conference was already in existence and may currently be in progress.</message></response>";
    let (created, key): (Created, _) = parse(body).unwrap();
    assert_eq!(created.meeting_id, "abc-def");
    assert_eq!(created.create_time, 1531240585189);
    assert_eq!(key.as_deref(), Some("duplicateWarning"));
}

#[test]
fn failed_answers_become_typed_errors() {
    let body = "<response><returncode>FAILED</returncode><messageKey>checksumError</messageKey>\
        <message>Checksums do not match</message></response>";
    let err = parse::<Created>(body).unwrap_err();
    assert!(err.is_checksum_error());
    assert_eq!(err, BbbError::Failed { key: "checksumError".into(), message: "Checksums do not match".into() });
    let not_found = "<response>\n  <returncode>FAILED</returncode>\n  <messageKey>notFound</messageKey>\n  \
        <message>We could not find a meeting with that meeting ID</message>\n</response>";
    assert!(parse::<Meeting>(not_found).unwrap_err().is_not_found());
    assert!(matches!(parse::<Empty>("<html>502 Bad Gateway</html>"), Err(BbbError::Malformed(_))));
}

#[test]
fn is_meeting_running_and_version() {
    let (r, _): (Running, _) =
        parse("<response><returncode>SUCCESS</returncode><running>true</running></response>").unwrap();
    assert!(r.running);
    let body = "<response><returncode>SUCCESS</returncode><version>2.0</version><apiVersion>2.0</apiVersion>\
        <bbbVersion>3.0.4</bbbVersion></response>";
    let (v, _): (Version, _) = parse(body).unwrap();
    assert_eq!(v.version, "2.0");
}

#[test]
fn meeting_info_with_attendees_and_metadata() {
    let body = "<response><returncode>SUCCESS</returncode><meetingName>Assembly</meetingName>\
        <meetingID>abc-def</meetingID><internalMeetingID>int-1</internalMeetingID><createTime>1700000000000</createTime>\
        <createDate>x</createDate><voiceBridge>1</voiceBridge><running>true</running><duration>0</duration>\
        <hasUserJoined>true</hasUserJoined><recording>false</recording><hasBeenForciblyEnded>false</hasBeenForciblyEnded>\
        <startTime>1700000000100</startTime><endTime>0</endTime><participantCount>7</participantCount>\
        <listenerCount>2</listenerCount><voiceParticipantCount>3</voiceParticipantCount><videoCount>1</videoCount>\
        <maxUsers>100</maxUsers><moderatorCount>2</moderatorCount>\
        <attendees><attendee><userID>u1</userID><fullName>Ann</fullName><role>MODERATOR</role></attendee>\
        <attendee><userID>u2</userID><fullName>Bob</fullName><role>VIEWER</role></attendee></attendees>\
        <metadata><bbb-origin>Quorum</bbb-origin><endcallbackurl>https://x/cb</endcallbackurl></metadata>\
        <isBreakout>false</isBreakout></response>";
    let (m, _): (Meeting, _) = parse(body).unwrap();
    assert_eq!((m.participant_count, m.moderator_count, m.max_users), (7, 2, 100));
    assert!(m.running && !m.is_breakout);
    assert_eq!(m.metadata.get("bbb-origin").map(String::as_str), Some("Quorum"));
    let who: Vec<(&str, &str, &str)> =
        m.attendees.attendee.iter().map(|a| (a.user_id.as_str(), a.full_name.as_str(), a.role.as_str())).collect();
    assert_eq!(who, [("u1", "Ann", "MODERATOR"), ("u2", "Bob", "VIEWER")]);
}

#[test]
fn get_meetings_many_and_none() {
    let body = "<response><returncode>SUCCESS</returncode><meetings>\
        <meeting><meetingName>A</meetingName><meetingID>a</meetingID><participantCount>3</participantCount><running>true</running><metadata/></meeting>\
        <meeting><meetingName>B</meetingName><meetingID>b</meetingID><participantCount>0</participantCount><running>false</running></meeting>\
        </meetings></response>";
    let (m, _): (Meetings, _) = parse(body).unwrap();
    assert_eq!(m.meetings.meeting.iter().map(|m| m.participant_count).sum::<u32>(), 3);
    let one = "<response><returncode>SUCCESS</returncode><meetings><meeting><meetingID>a</meetingID></meeting></meetings></response>";
    assert_eq!(parse::<Meetings>(one).unwrap().0.meetings.meeting.len(), 1);
    let none = "<response><returncode>SUCCESS</returncode><meetings/><messageKey>noMeetings</messageKey>\
        <message>no meetings were found on this server</message></response>";
    let (m, key): (Meetings, _) = parse(none).unwrap();
    assert!(m.meetings.meeting.is_empty());
    assert_eq!(key.as_deref(), Some("noMeetings"));
}

#[test]
fn get_recordings_with_formats_and_none() {
    let body = "<response><returncode>SUCCESS</returncode><recordings><recording>\
        <recordID>rec-1</recordID><meetingID>abc-def</meetingID><internalMeetingID>int-1</internalMeetingID>\
        <name>Assembly</name><isBreakout>false</isBreakout><published>true</published><state>published</state>\
        <startTime>1700000000000</startTime><endTime>1700003600000</endTime><participants>12</participants>\
        <metadata><name>Spring assembly</name><isBreakout>false</isBreakout></metadata>\
        <playback><format><type>presentation</type><url>https://bbb/playback/presentation/2.3/rec-1</url>\
        <processingTime>7177</processingTime><length>60</length><preview><images>\
        <image alt=\"slide\" height=\"136\" width=\"176\">https://bbb/thumb-1.png</image></images></preview></format>\
        <format><type>video</type><url>https://bbb/video/rec-1</url><length>60</length></format></playback>\
        </recording></recordings></response>";
    let (r, _): (Recordings, _) = parse(body).unwrap();
    let rec = &r.recordings.recording[0];
    assert_eq!((rec.record_id.as_str(), rec.published, rec.participants), ("rec-1", true, 12));
    assert_eq!(rec.metadata.get("name").map(String::as_str), Some("Spring assembly"));
    assert_eq!(rec.playback.format.len(), 2);
    assert_eq!(rec.playback.format[0].kind, "presentation");
    assert_eq!(rec.playback.format[1].length, 60);
    let none = "<response><returncode>SUCCESS</returncode><recordings></recordings><messageKey>noRecordings</messageKey>\
        <message>There are no recordings for the meeting(s).</message></response>";
    assert!(parse::<Recordings>(none).unwrap().0.recordings.recording.is_empty());
}

#[test]
fn end_publish_update_delete_answers() {
    let end = "<response><returncode>SUCCESS</returncode><messageKey>sentEndMeetingRequest</messageKey>\
        <message>A request to end the meeting was sent.</message></response>";
    assert_eq!(parse::<Empty>(end).unwrap().1.as_deref(), Some("sentEndMeetingRequest"));
    for tag in ["published", "updated", "deleted"] {
        let body = format!("<response><returncode>SUCCESS</returncode><{tag}>true</{tag}></response>");
        parse::<Empty>(&body).unwrap();
    }
}
