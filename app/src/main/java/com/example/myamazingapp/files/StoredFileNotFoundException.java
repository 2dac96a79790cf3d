package com.example.myamazingapp.files;

/** No file with this id belongs to the signed-in account (another account's file is not found either). */
public class StoredFileNotFoundException extends RuntimeException {

    StoredFileNotFoundException() {
        super("No such file.");
    }
}
