package com.example.myamazingapp;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class MyAmazingApplication {

    public static void main(String[] args) {
        SpringApplication.run(MyAmazingApplication.class, args);
    }
}
