package com.example.myamazingapp.infra;

import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.s3.Bucket;

public final class InfraApp {
    public static void main(String[] args) {
        App app = new App();
        Stack s = new Stack(app, "Probe");
        new Bucket(s, "B");
        app.synth();
    }
}
