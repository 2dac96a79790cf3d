package com.example.myamazingapp.files;

import com.example.myamazingapp.accounts.AccountClosing;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** A closed account's files go before its row does: the rows would cascade, the objects in the bucket would not. */
@Component
class ClosedAccountFiles {

    private final FileService files;

    ClosedAccountFiles(FileService files) {
        this.files = files;
    }

    @EventListener
    void on(AccountClosing closing) {
        files.deleteAll(closing.accountId());
    }
}
