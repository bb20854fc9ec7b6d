from notification_service.mailer import build_message, write_to_directory


def _message(body: str):
    return build_message(
        sender="a@example.com",
        recipient="b@example.com",
        subject="Hi",
        text=body,
        html=f"<p>{body}</p>",
        message_id="<event-1.created@tessera.local>",
    )


def test_a_repeated_send_overwrites_the_same_file_and_commits_after_it_is_in_place(tmp_path):
    seen_at_commit = []

    def commit():
        seen_at_commit.append(sorted(f.name for f in tmp_path.iterdir()))

    write_to_directory(_message("first"), tmp_path, commit)
    write_to_directory(_message("second"), tmp_path, commit)
    files = list(tmp_path.iterdir())
    assert [f.name for f in files] == ["event-1.created_tessera.local.eml"]
    assert b"second" in files[0].read_bytes()
    assert seen_at_commit == [["event-1.created_tessera.local.eml"]] * 2
